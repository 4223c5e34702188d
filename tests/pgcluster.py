"""A throw-away PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl in a temporary folder, run as an
unprivileged user (PostgreSQL refuses to run as root), listening on a free loopback port only.

`start_cluster` raises ClusterUnavailable with the reason when no server can be started here (no PostgreSQL
binaries, no unprivileged user, initdb or the server failing), so a caller can skip loudly or fail.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg

# Debian installs the server programs here, outside PATH.
SEARCH = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SUPERUSER = "studybot"
START_TIMEOUT = 60


class ClusterUnavailable(Exception):
    """No throw-away PostgreSQL server can be started on this machine; the message says why."""


def _program(name: str) -> str:
    found = shutil.which(name) or next((str(folder / name) for folder in SEARCH if (folder / name).exists()), None)
    if found is None:
        raise ClusterUnavailable(f"{name} not found on PATH or in /usr/lib/postgresql/*/bin (install Debian's postgresql package)")
    return found


def _unprivileged() -> tuple[int, int] | None:
    """The uid and gid to run the server as: None when this process is not root (it runs as itself)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise ClusterUnavailable("running as root and neither a 'postgres' nor a 'nobody' user exists to run the server as")


def _as_user(ids: tuple[int, int] | None) -> Callable[[], None] | None:
    if ids is None:
        return None
    uid, gid = ids

    def drop() -> None:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)

    return drop


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int
    pg_ctl: str
    user: tuple[int, int] | None

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    async def admin(self, statement: str) -> None:
        """Run one statement (CREATE DATABASE and the like: outside any transaction) as the superuser."""
        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    async def create_database(self, name: str) -> str:
        """A new, empty database; returns its URL."""
        await self.admin(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def stop(self) -> None:
        subprocess.run(
            [self.pg_ctl, "stop", "-D", str(self.folder / "data"), "-m", "immediate", "-w"],
            capture_output=True, check=False, preexec_fn=_as_user(self.user), timeout=START_TIMEOUT,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list[str], user: tuple[int, int] | None, what: str) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=_as_user(user), timeout=START_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        raise ClusterUnavailable(f"{what} could not run: {error}") from None
    if result.returncode != 0:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise ClusterUnavailable(f"{what} failed (exit {result.returncode}): {last[0]}")


def start_cluster(*, durable: bool = False) -> Cluster:
    """A new cluster on a free loopback port. `durable=False` (tests) turns fsync off: a crash of the machine may
    lose the cluster, which nobody keeps anyway; benchmarks pass True to measure real commits."""
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    user = _unprivileged()
    folder = Path(tempfile.mkdtemp(prefix="studybot-pg-"))
    if user is not None:
        os.chown(folder, *user)
    port = _free_port()
    try:
        _run([initdb, "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
             user, "initdb")
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c max_connections=200 "
                   f"-c fsync={'on' if durable else 'off'} -c synchronous_commit={'on' if durable else 'off'} "
                   f"-c full_page_writes={'on' if durable else 'off'} -c shared_buffers=256MB")
        _run([pg_ctl, "start", "-D", str(folder / "data"), "-w", "-t", str(START_TIMEOUT), "-l", str(folder / "server.log"),
              "-o", options], user, "pg_ctl start")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Cluster(folder, port, pg_ctl, user)
