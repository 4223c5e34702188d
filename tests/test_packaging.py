"""The Docker image runs the discord.py the Discord tests were run against (simcord patches its internals)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_docker_image_pins_discord_py_as_the_tests_do() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    test_extra = pyproject["project"]["optional-dependencies"]["test"]
    [tested] = [requirement for requirement in test_extra if requirement.startswith("discord.py")]
    assert re.fullmatch(r"discord\.py==[\d.]+", tested)
    installs = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if "pip install" in line]
    assert any(f'"{tested}"' in line for line in installs), installs
