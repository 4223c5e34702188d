"""Hypothesis over the config loader: any file is a Config or one ConfigError, and a secret in it is never echoed."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Config, ConfigError, load_config

SECRETS = ["MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU", "sk_live_51HxQ2eKZa9vWq", "hunter2hunter2"]
KEYS = ["knowledge", "database", "log_level", "discord", "daily", "dev_guild_ids", "auto_shard", "ask_cooldown_seconds",
        "scheduler_interval_seconds", "default_open_hours", "seed", "token", "colour", *SECRETS]
scalars = st.one_of(
    st.sampled_from([*SECRETS, "INFO", "DEBUG", "UTC", "", "~", "yes", "09:00"]),
    st.integers(), st.integers(min_value=10**20, max_value=10**200), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)


def yaml_text(document: object) -> str:
    return yaml.safe_dump(document, default_flow_style=None, allow_unicode=True)


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A config as a person might have broken it: a document with a few characters deleted, inserted or swapped."""
    text = yaml_text(draw(documents))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + draw(st.sampled_from(list("\"'[]{}:-&*!|>#%@\t\n ,"))) + text[at:]
    return text.encode() if draw(st.booleans()) else draw(st.binary(max_size=50)) + text.encode()


def load(path: Path, content: bytes) -> Config | ConfigError:
    path.write_bytes(content)
    try:
        return load_config(path)
    except ConfigError as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=damaged())
def test_any_config_text_is_a_config_or_an_error_that_never_echoes_a_secret(tmp_path: Path, content: bytes) -> None:
    outcome = load(tmp_path / "config.yaml", content)
    if isinstance(outcome, ConfigError):
        message = str(outcome)
        assert message.startswith(f"{tmp_path / 'config.yaml'}: ")
        for secret in SECRETS:
            assert secret[:10] not in message and secret[-10:] not in message, message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=3000))
def test_any_bytes_are_a_config_or_one_error(tmp_path: Path, content: bytes) -> None:
    assert isinstance(load(tmp_path / "config.yaml", content), Config | ConfigError)
