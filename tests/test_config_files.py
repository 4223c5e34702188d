"""A config file that cannot be used is one ConfigError naming the file, and nothing in it that could be a secret
is ever echoed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from tests.unprivileged import studybot

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"


def config_error(path: Path, content: bytes | str) -> str:
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("log_level: DÉBUG\n".encode("latin-1"), "is not UTF-8 text (byte 0xc9 at offset 12)"),
        ("log_level: INFO\n".encode("utf-16"), "is not UTF-8 text (byte 0xff at offset 0)"),
        (bytes(range(256)) * 4, "is not UTF-8 text"),
        (b"log_level: INFO\x00\n", "special characters are not allowed"),
        ("daily:\n" + "  " * 2 + "seed: [" * 10_000 + "]" * 10_000 + "\n", "nested more than"),
        ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "nested more than"),
        ("daily:\n  seed: " + "9" * 5000 + "\n", "an integer of 5,000 digits"),
        ("daily:\n  seed: '" + "9" * 5000 + "'\n", "daily.seed: Unable to parse input string as an integer"),
        ("log_level: INFO\nlog_level: DEBUG\n", "duplicate key"),
    ],
)
def test_a_config_file_that_cannot_be_used_is_one_error_naming_the_file(tmp_path: Path, content: bytes | str, says: str) -> None:
    path = tmp_path / "config.yaml"
    message = config_error(path, content)
    assert message.startswith(f"{path}: ") and says in message and len(message) < 300


def test_a_folder_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder, not a file"):
        load_config(tmp_path)


def test_an_unreadable_config_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("log_level: INFO\n")
    path.chmod(0)
    result = studybot("--config", path, "kb", "check")
    assert result.returncode == 1 and result.stderr == f"error: {path}: cannot be read: permission denied\n"


@pytest.mark.parametrize(
    "content",
    [
        f'discord:\n  token: "{TOKEN}\n',
        f"log_level: {TOKEN}: x\n",
        f"database: [{TOKEN}\n",
        f"{TOKEN}\nlog_level: INFO\n",
        f"discord:\n  {TOKEN}: 1\n",
        f"{TOKEN}: 1\n",
        f"log_level: *{TOKEN}\n",
        f"log_level: !{TOKEN} x\n",
        f"daily:\n  seed: {TOKEN}\n",
        f"log_level: {TOKEN}\n",
        f"discord:\n  dev_guild_ids: [{TOKEN}]\n",
        f"{TOKEN}: 1\n{TOKEN}: 2\n",
        f"log_level: '{TOKEN}\n  x: y\n",
    ],
)
def test_nothing_that_could_be_a_secret_is_echoed(tmp_path: Path, content: str) -> None:
    message = config_error(tmp_path / "config.yaml", content)
    for secret_part in (TOKEN, TOKEN[:10], TOKEN[-10:], TOKEN[25:35]):
        assert secret_part not in message, message


def test_an_unknown_key_with_a_plain_name_is_still_named(tmp_path: Path) -> None:
    assert "discord.ask_cooldown: unknown key" in config_error(tmp_path / "config.yaml", "discord:\n  ask_cooldown: 3\n")


@pytest.mark.parametrize("make", [lambda path: None, lambda path: path.mkdir()])
def test_studybot_config_naming_a_missing_file_or_a_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object
) -> None:
    path = tmp_path / "named.yaml"
    make(path)  # type: ignore[operator]
    monkeypatch.setenv("STUDYBOT_CONFIG", str(path))
    with pytest.raises(ConfigError, match=f"^{path}: "):
        load_config()


def test_no_config_anywhere_is_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDYBOT_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_config().log_level == "INFO"
    monkeypatch.setenv("STUDYBOT_CONFIG", "")
    assert load_config().log_level == "INFO"


def test_dev_null_is_an_empty_config() -> None:
    assert load_config(Path(os.devnull)).log_level == "INFO"
