"""The throw-away PostgreSQL server as fixtures (a plugin of tests/conftest.py): one server for the session, a new
database for each test that asks for one."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.pgcluster import Cluster, ClusterUnavailable, start_cluster

# Set (as .ci/run does) to fail instead of skipping when no PostgreSQL server can be started.
REQUIRE_POSTGRES = "STUDYBOT_REQUIRE_POSTGRES"
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """One server for the session; each test gets a database of its own (`postgres_url`)."""
    try:
        cluster = start_cluster()
    except ClusterUnavailable as error:
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail(f"PostgreSQL is required here (${REQUIRE_POSTGRES}) but no server could be started: {error}")
        pytest.skip(f"PostgreSQL variant SKIPPED: no PostgreSQL server could be started on this machine: {error}")
    yield cluster
    cluster.stop()


@pytest.fixture
async def postgres_url(postgres_cluster: Cluster) -> AsyncIterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    yield await postgres_cluster.create_database(name)
    await postgres_cluster.admin(f'DROP DATABASE "{name}" WITH (FORCE)')
