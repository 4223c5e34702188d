"""Typed settings from `config.yaml`; a bad key is reported by name with the reason."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError

APP_NAME = "studybot"
DEFAULT_CONFIG = Path("config.yaml")
TOKEN_ENV = "DISCORD_TOKEN"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiscordSettings(_Section):
    dev_guild_ids: list[int] = Field(default_factory=list)
    auto_shard: bool = False
    ask_cooldown_seconds: float = Field(default=5.0, ge=0, le=3600)
    scheduler_interval_seconds: float = Field(default=30.0, gt=0, le=3600)


class DailySettings(_Section):
    default_open_hours: int = Field(default=24, ge=1, le=72)
    seed: int = 0


class Config(_Section):
    knowledge: Path = Path("knowledge/mls-c01")
    database: Path | None = None
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    daily: DailySettings = Field(default_factory=DailySettings)

    def database_path(self, override: Path | None = None) -> Path:
        """--db beats the config, which beats a file in the user's data folder."""
        if override is not None:
            return override
        if self.database is not None:
            return self.database
        return Path(user_data_dir(APP_NAME, appauthor=False)) / "studybot.sqlite3"


class ConfigError(Exception):
    """A config file that cannot be used; the message names the key and why."""


def _describe(error: ValidationError, path: Path) -> str:
    lines = [f"{path}: invalid configuration"]
    for problem in error.errors():
        key = ".".join(str(step) for step in problem["loc"]) or "(top level)"
        reason = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        lines.append(f"  {key}: {reason}")
    return "\n".join(lines)


def load_config(path: Path | None = None) -> Config:
    """Read the config file if there is one (an explicit path must exist); defaults otherwise."""
    if path is None:
        path = Path(os.environ.get("STUDYBOT_CONFIG", DEFAULT_CONFIG))
        if not path.is_file():
            return Config()
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: config file not found") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: malformed YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    if "token" in raw or "discord_token" in raw:
        raise ConfigError(f"{path}: token: the Discord token is read from ${TOKEN_ENV} only, never from a file")
    try:
        return Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(_describe(error, path)) from error
