"""Reads a deck folder into a KnowledgeBase, collecting every problem before refusing a bad deck."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from bot.inputfiles import UnreadableFile
from bot.knowledge.base import KnowledgeBase, fold
from bot.knowledge.errors import DeckError, DeckIssue
from bot.knowledge.files import DeckFiles
from bot.knowledge.models import DeckInfo, Entry, Item, Question, Synonyms
from bot.knowledge.yamlsource import line_of, load_yaml
from bot.limits import shorten
from bot.yamlguard import YAMLLimitError

DECK_FILE = "deck.yaml"
SYNONYMS_FILE = "synonyms.yaml"
_ITEM = TypeAdapter(Item)
# What _read returns for a file it could not read (after reporting why); None is an empty document.
_UNREADABLE = object()


class _Collector:
    """Accumulates issues and the located items of a deck while it is read."""

    def __init__(self, files: DeckFiles) -> None:
        self.files = files
        self.root = files.root
        self.issues: list[DeckIssue] = []
        self.items: list[tuple[Item, Path, Any]] = []

    def shown(self, path: Path) -> Path:
        try:
            return path.relative_to(self.root.parent)
        except ValueError:
            return path

    def add(self, path: Path, line: int | None, field: str, message: str) -> None:
        self.issues.append(DeckIssue(self.shown(path), line, field, message))

    def validation(self, path: Path, raw: Any, error: ValidationError, prefix: tuple[Any, ...] = ()) -> None:
        label = _label(raw)
        for problem in error.errors():
            loc = tuple(problem["loc"])
            if loc and isinstance(raw, dict) and loc[0] == raw.get("kind"):
                loc = loc[1:]
            message = problem["msg"].removeprefix("Value error, ")
            if problem["type"] == "extra_forbidden":
                message = "unknown field"
            elif problem["type"] == "missing":
                message = "required field is missing"
            elif problem["type"] == "union_tag_invalid":
                context = problem.get("ctx", {})
                message = f"unknown kind '{shorten(str(context.get('tag')))}'; expected one of: {context.get('expected_tags')}"
            field = _dotted(loc) or ("kind" if "tag" in problem["type"] else "")
            self.add(path, line_of(raw, loc), f"{label}{field}", message)


def _label(raw: Any) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"{shorten(str(raw.get('kind', 'item')), 20)} '{shorten(raw['id'])}' "
    return ""


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _read(collector: _Collector, path: Path) -> Any:
    """The YAML document in `path` (None when empty), or _UNREADABLE once the reason is reported."""
    text = collector.files.texts[path]
    if isinstance(text, UnreadableFile):
        collector.add(path, None, "", str(text))
        return _UNREADABLE
    try:
        return load_yaml(text)
    except YAMLLimitError as error:
        collector.add(path, error.problem_mark.line + 1 if error.problem_mark else None, "", error.problem or "")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        context = error.context_mark
        started = f"{error.context} (line {context.line + 1}): " if error.context and context else ""
        collector.add(path, mark.line + 1 if mark else None, "", f"malformed YAML: {started}{error.problem or error}")
    except yaml.YAMLError as error:
        collector.add(path, None, "", f"unreadable YAML: {error}")
    return _UNREADABLE


def _read_model(collector: _Collector, path: Path, model: type[BaseModel], needs: str | None = None) -> Any:
    """The file's document as `model`, or None. An empty file is a problem when the file `needs` something."""
    raw = _read(collector, path)
    if raw is None and needs:
        collector.add(path, None, "", f"is empty: {needs}")
    if raw is None or raw is _UNREADABLE:
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        collector.validation(path, raw, error)
        return None


def _read_items(collector: _Collector, path: Path) -> None:
    raw = _read(collector, path)
    if raw is None or raw is _UNREADABLE:
        return
    if not isinstance(raw, list):
        collector.add(path, getattr(raw, "line", 1), "", "expected a YAML list of entries or questions")
        return
    for raw_item in raw:
        try:
            collector.items.append((_ITEM.validate_python(raw_item), path, raw_item))
        except ValidationError as error:
            collector.validation(path, raw_item, error)


def _check_references(
    collector: _Collector, info: DeckInfo | None, entries: dict[str, Entry], questions: dict[str, Question]
) -> None:
    known = entries.keys()
    owner: dict[str, str] = {}
    for item, path, raw in collector.items:
        label = f"{item.kind} '{item.id}' "
        if isinstance(item, Question):
            for index, ref in enumerate(item.tests):
                if ref not in known:
                    collector.add(path, line_of(raw, ("tests", index)), f"{label}tests[{index}]", f"unknown id '{ref}'")
            if item.task is not None and info is not None:
                task = info.task(item.task)
                if task is None or task.domain != item.domain:
                    why = f"no task statement '{item.task}' in deck.yaml" if task is None else f"task {item.task} is in {task.domain}"
                    collector.add(path, line_of(raw, ("task",)), f"{label}task", why)
            continue
        for index, link in enumerate(item.confusable_with):
            if link.id not in known or link.id == item.id:
                why = "an entry cannot be confused with itself" if link.id == item.id else f"unknown id '{link.id}'"
                collector.add(path, line_of(raw, ("confusable_with", index, "id")), f"{label}confusable_with[{index}].id", why)
        for name in item.names:
            key = fold(name)
            if owner.setdefault(key, item.id) != item.id:
                collector.add(path, line_of(raw, ("aliases",)), f"{label}aliases", f"'{name}' also names '{owner[key]}'")


def load_deck(root: Path | str) -> KnowledgeBase:
    """Load and check one deck folder; raises DeckError listing every problem found."""
    return load_files(DeckFiles.read(root))


def load_files(files: DeckFiles) -> KnowledgeBase:
    """Check the files of one deck, as read; raises DeckError listing every problem found."""
    root, paths = files.root, files.texts
    collector = _Collector(files)
    for folder, why in files.unlisted:
        collector.add(folder, None, "", why)
    if any(folder == root for folder, _ in files.unlisted):
        raise DeckError(collector.issues)
    if root / DECK_FILE not in paths:
        raise DeckError([DeckIssue(root / DECK_FILE, None, "", "missing: a deck folder needs deck.yaml")])
    info = _read_model(collector, root / DECK_FILE, DeckInfo, needs="a deck needs its id, name and weights")
    synonyms = Synonyms(groups=[])
    if root / SYNONYMS_FILE in paths:
        synonyms = _read_model(collector, root / SYNONYMS_FILE, Synonyms) or synonyms
    for path in paths:
        if path.name not in (DECK_FILE, SYNONYMS_FILE) or path.parent != root:
            _read_items(collector, path)

    entries: dict[str, Entry] = {}
    questions: dict[str, Question] = {}
    first_seen: dict[str, tuple[Path, Any]] = {}
    for item, path, raw in collector.items:
        if item.id in first_seen:
            other_path, other_raw = first_seen[item.id]
            where = f"{collector.shown(other_path)}:{getattr(other_raw, 'line', '?')}"
            collector.add(path, line_of(raw, ("id",)), f"{item.kind} '{item.id}' id", f"duplicate id, first defined at {where}")
            continue
        first_seen[item.id] = (path, raw)
        (questions if isinstance(item, Question) else entries)[item.id] = item
    _check_references(collector, info, entries, questions)

    if collector.issues or info is None:
        raise DeckError(collector.issues)
    origins = {item_id: (collector.shown(path), getattr(raw, "line", None)) for item_id, (path, raw) in first_seen.items()}
    return KnowledgeBase(info=info, entries=entries, questions=questions, synonyms=synonyms, origins=origins)
