"""Typed settings from `config.yaml`; a bad key is reported by name with the reason.

The file may hold a secret where it should not (a token pasted under a wrong key, or on a line with a syntax
error), so no message ever quotes a value from it: YAML errors give the line and column, and a key is named
only when it looks like a setting's name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.inputfiles import UnreadableFile, read_text
from bot.limits import CONFIG_FILE_BYTES
from bot.quiz.shards import Shards
from bot.store.database import parse_target
from bot.yamlguard import GuardedConstructor, guarded_load

APP_NAME = "studybot"
DEFAULT_CONFIG = Path("config.yaml")
CONFIG_ENV = "STUDYBOT_CONFIG"
TOKEN_ENV = "DISCORD_TOKEN"
# A key is named in an error only if it looks like a setting: lowercase words joined by underscores.
_SETTING_NAME = re.compile(r"[a-z]+(?:_[a-z]+){0,5}")
# A quoted part of a YAML problem ("found undefined alias 'x'") longer than one escaped character.
_QUOTED = re.compile(r"'[^']{3,}'|\"[^\"]{3,}\"")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DiscordSettings(_Section):
    dev_guild_ids: list[int] = Field(default_factory=list)
    auto_shard: bool = False
    ask_cooldown_seconds: float = Field(default=5.0, ge=0, le=3600)
    scheduler_interval_seconds: float = Field(default=30.0, gt=0, le=3600)
    # One process of a shard cluster: the shards it runs ("0-3", or a list) out of shard_count in all.
    shard_ids: str | list[int] | None = None
    shard_count: int | None = None

    @model_validator(mode="after")
    def _shards_fit(self) -> DiscordSettings:
        if (self.shard_ids is None) != (self.shard_count is None):
            raise ValueError("shard_ids and shard_count go together: the shards this process runs, out of how many")
        self.shards  # noqa: B018 -- raises ValueError for ids that do not fit the count
        return self

    @property
    def shards(self) -> Shards | None:
        if self.shard_ids is None or self.shard_count is None:
            return None
        ids = self.shard_ids if isinstance(self.shard_ids, str) else ",".join(map(str, self.shard_ids))
        return Shards.parse(ids, self.shard_count)


class DailySettings(_Section):
    default_open_hours: int = Field(default=24, ge=1, le=72)
    seed: int = 0


class Config(_Section):
    knowledge: Path | None = None  # a deck folder or a folder of decks; None: the decks shipped in the package
    # The exam served to whoever names none (the console, and a server's first /daily setup); None: MLA-C01, the one
    # AWS offers now (servers set up before keep the MLS-C01 they were set up with).
    exam: str | None = Field(default=None, pattern=r"^[a-z]{2,5}-c\d{2}$")
    database: Path | str | None = None  # a SQLite file, or a postgresql:// URL
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    daily: DailySettings = Field(default_factory=DailySettings)

    def database_target(self, override: Path | str | None = None) -> Path | str:
        """A SQLite file or a postgresql:// URL: --db beats the config, which beats a file in the user's data folder."""
        if override is not None:
            return parse_target(override)
        if self.database:
            return parse_target(self.database)
        return Path(user_data_dir(APP_NAME, appauthor=False)) / "studybot.sqlite3"

    def with_shards(self, ids: str | None, count: int | None) -> Config:
        """The config with --shard-ids / --shard-count applied over its discord section; ConfigError if they do not fit."""
        given = {"shard_ids": ids, "shard_count": count}
        section = {**self.discord.model_dump(), **{key: value for key, value in given.items() if value is not None}}
        try:
            return self.model_copy(update={"discord": DiscordSettings.model_validate(section)})
        except ValidationError as error:
            raise ConfigError("; ".join(problem["msg"].removeprefix("Value error, ") for problem in error.errors())) from None

    def beside(self, folder: Path) -> Config:
        """This config with its relative paths taken from `folder` (the config file's), not from wherever the program
        happens to be started."""
        paths = {"knowledge": self.knowledge, "database": parse_target(self.database) if self.database else None}
        relative = {key: path for key, path in paths.items() if isinstance(path, Path) and not path.is_absolute()}  # a URL is no path
        return self.model_copy(update={key: folder / path for key, path in relative.items()})


class ConfigError(Exception):
    """A config file that cannot be used; the message names the key and why."""


class _ConfigLoader(GuardedConstructor, yaml.SafeLoader):
    """Safe YAML held to the limits of bot.yamlguard."""


def _key(step: int | str) -> str:
    return str(step) if isinstance(step, int) or _SETTING_NAME.fullmatch(step) else "(a key not shown: it may be a secret)"


def _describe(error: ValidationError, path: Path) -> str:
    lines = [f"{path}: invalid configuration"]
    for problem in error.errors():
        key = ".".join(_key(step) for step in problem["loc"]) or "(top level)"
        reason = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
        lines.append(f"  {key}: {reason}")
    return "\n".join(lines)


def _yaml_problem(error: yaml.YAMLError) -> str:
    """Where and what the YAML problem is, without the snippet of the line, which would show its value."""
    if isinstance(error, yaml.reader.ReaderError):
        return f"unreadable YAML at character {error.position + 1}: {error.reason}"
    if not isinstance(error, yaml.MarkedYAMLError):
        return "unreadable YAML"
    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    started = f"{error.context} (line {error.context_mark.line + 1})" if error.context and error.context_mark else error.context
    what = "; ".join(part for part in (started, error.problem) if part)
    return f"malformed YAML{where}: {_QUOTED.sub('(not shown)', what)}"


def config_path(path: Path | None = None) -> Path | None:
    """The file to read: `path` (--config), else $STUDYBOT_CONFIG, else ./config.yaml if there is one."""
    if path is not None:
        return path
    if named := os.environ.get(CONFIG_ENV):
        return Path(named)
    return DEFAULT_CONFIG if os.path.lexists(DEFAULT_CONFIG) else None


def load_config(path: Path | None = None) -> Config:
    """Read the config file if there is one (one named by --config or $STUDYBOT_CONFIG must exist); defaults otherwise."""
    path = config_path(path)
    if path is None:
        return Config()
    if not os.path.lexists(path):
        raise ConfigError(f"{path}: config file not found")
    try:
        raw: Any = guarded_load(read_text(path, CONFIG_FILE_BYTES, devices=True), _ConfigLoader) or {}
    except UnreadableFile as error:
        raise ConfigError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: {_yaml_problem(error)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top level")
    if "token" in raw or "discord_token" in raw:
        raise ConfigError(f"{path}: token: the Discord token is read from ${TOKEN_ENV} only, never from a file")
    try:
        return Config.model_validate(raw).beside(path.parent)
    except ValidationError as error:
        raise ConfigError(_describe(error, path)) from None
