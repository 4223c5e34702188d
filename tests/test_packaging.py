"""Packaging: a wheel built from this checkout holds every module and deck file and, installed into a fresh virtual
environment, serves its deck from any folder; the Docker image runs the discord.py the Discord tests were run against
(simcord patches its internals)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from bot.cache import CACHE_ENV

ROOT = Path(__file__).resolve().parents[1]
# Read with the embeddings shipped in the wheel as well as with the deck.
PASTED = (
    "A retailer streams clickstream events and must land them in Amazon S3 as Apache Parquet for Athena queries. "
    "The team does not want to manage servers. Which solution meets these requirements with the LEAST operational overhead?"
)


def test_the_docker_image_pins_discord_py_as_the_tests_do() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    test_extra = pyproject["project"]["optional-dependencies"]["test"]
    [tested] = [requirement for requirement in test_extra if requirement.startswith("discord.py")]
    assert re.fullmatch(r"discord\.py==[\d.]+", tested)
    installs = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if "pip install" in line]
    assert any(f'"{tested}"' in line for line in installs), installs


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built by pip, the way `pip install .` builds one, from a copy of the sources (the build writes beside them)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in ("bot", "knowledge"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)],
        check=True, capture_output=True, timeout=240,
    )
    [built] = (work / "dist").glob("studybot-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its dependencies are borrowed from the test environment
    (a path line in a .pth file: the test environment's own editable install of studybot is not activated by it)."""
    folder = tmp_path_factory.mktemp("venv")
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=120,
    )
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return folder


def in_a_stranger_folder(installed: Path, tmp_path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run a program of the fresh environment from an empty folder, with nothing of this checkout on its paths."""
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "STUDYBOT_", "VIRTUAL_ENV"))}
    env[CACHE_ENV] = str(tmp_path / "cache")
    return subprocess.run(
        [str(installed / "bin" / command[0]), *command[1:]], cwd=folder, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_wheel_holds_every_module_and_every_deck_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "bot").rglob("*.py")}
    deck_files = {"bot/decks/" + path.relative_to(ROOT / "knowledge").as_posix() for path in (ROOT / "knowledge").rglob("*.yaml")}
    assert modules <= names, f"missing from the wheel (list new packages in pyproject.toml): {sorted(modules - names)}"
    assert deck_files <= names and {"bot/decks/__init__.py", "bot/decks/mls-c01/deck.yaml"} <= names
    embeddings = {path.relative_to(ROOT).as_posix() for path in (ROOT / "bot" / "matching" / "embeddings").iterdir()}
    assert {"bot/matching/embeddings/model.safetensors", "bot/matching/embeddings/tokenizer.json"} <= embeddings <= names
    assert "bot/matching/scenarios.tsv" in names


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_installed_package_finds_its_deck_from_any_folder(installed: Path, tmp_path: Path) -> None:
    where = in_a_stranger_folder(
        installed, tmp_path, "python", "-c", "import bot, importlib.resources as r; print(bot.__file__); print(r.files('bot.decks'))"
    )
    module, decks = where.stdout.splitlines()
    assert Path(module).is_relative_to(installed) and Path(decks).is_relative_to(installed), where.stdout
    for _ in ("cold", "warm"):
        answer = in_a_stranger_folder(installed, tmp_path, "studybot", "ask", "which service for speech to text?")
        assert answer.returncode == 0 and answer.stderr == "", answer.stderr
        assert answer.stdout.startswith("Amazon Transcribe  [service")
    assert sorted(path.name.rsplit("-", 1)[1] for path in (tmp_path / "cache").iterdir()) == ["index.pickle", "kb.pickle"]
    pasted = in_a_stranger_folder(installed, tmp_path, "studybot", "ask", "--json", PASTED)
    assert pasted.returncode == 0 and pasted.stderr == "", pasted.stderr
    assert len(json.loads(pasted.stdout)["results"]) == 3
    check = in_a_stranger_folder(installed, tmp_path, "studybot", "kb", "check")
    summaries = [line for line in check.stdout.splitlines() if line.startswith(("mla-c01: ", "mls-c01: "))]
    assert check.returncode == 0 and len(summaries) == 2 and all(line.endswith(": OK") for line in summaries), check.stdout


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_installed_package_serves_another_deck_given_with_deck(installed: Path, tmp_path: Path) -> None:
    other = ROOT / "tests" / "knowledge" / "fixtures" / "valid"
    answer = in_a_stranger_folder(installed, tmp_path, "studybot", "ask", "--json", "--deck", str(other), "kinesis data streams")
    assert answer.returncode == 0, answer.stderr
    assert '"id": "kinesis-data-streams"' in answer.stdout
