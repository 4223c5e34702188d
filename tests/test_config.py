"""Config files are validated and a bad key is named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config
from bot.quiz.shards import Shards

ROOT = Path(__file__).resolve().parents[1]


def test_example_config_is_valid_and_equals_defaults() -> None:
    assert load_config(ROOT / "config.example.yaml") == Config()


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discord:\n  ask_cooldown: 3\n")
    with pytest.raises(ConfigError, match=r"discord\.ask_cooldown: unknown key"):
        load_config(path)


def test_bad_value_is_named_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("daily:\n  default_open_hours: 0\n")
    with pytest.raises(ConfigError, match=r"daily\.default_open_hours: Input should be greater than or equal to 1"):
        load_config(path)


def test_token_in_a_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("token: abc.def.secret\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "DISCORD_TOKEN" in str(caught.value) and "secret" not in str(caught.value)


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_database_target_precedence(tmp_path: Path) -> None:
    configured = Config(database=str(tmp_path / "a.db"))
    assert configured.database_target(tmp_path / "b.db") == tmp_path / "b.db"
    assert configured.database_target() == tmp_path / "a.db"
    assert Config().database_target().name == "studybot.sqlite3"  # type: ignore[union-attr]


def test_a_postgresql_url_is_kept_whole(tmp_path: Path) -> None:
    url = "postgresql://bot@db.internal:5432/studybot"
    assert Config(database=url).database_target() == url
    assert Config().database_target(url) == url
    path = tmp_path / "config.yaml"
    path.write_text(f"database: {url}\n")
    assert load_config(path).database_target() == url  # not taken as a file beside the config


def test_shard_keys_go_together_and_must_fit(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("discord:\n  shard_ids: 0-3\n  shard_count: 8\n")
    assert str(load_config(path).discord.shards) == "shards 0,1,2,3 of 8"
    path.write_text("discord:\n  shard_ids: [4, 5]\n  shard_count: 8\n")
    assert str(load_config(path).discord.shards) == "shards 4,5 of 8"
    path.write_text("discord:\n  shard_ids: 0-3\n")
    with pytest.raises(ConfigError, match="shard_ids and shard_count go together"):
        load_config(path)
    path.write_text("discord:\n  shard_ids: 6-9\n  shard_count: 8\n")
    with pytest.raises(ConfigError, match="do not fit"):
        load_config(path)
    assert Config().with_shards("2-3", 4).discord.shards == Shards.parse("2-3", 4)


def test_relative_paths_are_taken_from_the_config_files_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "settings"
    folder.mkdir()
    path = folder / "config.yaml"
    path.write_text("knowledge: decks/mine\ndatabase: data/bot.sqlite3\n")
    monkeypatch.chdir(tmp_path)
    config = load_config(path)
    assert config.knowledge == folder / "decks" / "mine"
    assert config.database_target() == folder / "data" / "bot.sqlite3"
    path.write_text(f"knowledge: {tmp_path / 'elsewhere'}\n")
    assert load_config(path).knowledge == tmp_path / "elsewhere" and load_config(path).database is None
