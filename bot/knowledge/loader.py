"""Reads a deck folder into a KnowledgeBase, collecting every problem before refusing a bad deck."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from bot.inputfiles import UnreadableFile
from bot.knowledge.base import KnowledgeBase, fold
from bot.knowledge.deck import CaseStudy, DeckInfo, Synonyms
from bot.knowledge.errors import DeckError, DeckIssue
from bot.knowledge.files import DeckFiles
from bot.knowledge.models import Algorithm, Concept, Confusable, Entry, Metric, Service, Trap
from bot.knowledge.questions import AnyQuestion, MatchingQuestion, OrderingQuestion, Question, QuestionBase
from bot.knowledge.yamlsource import line_of, load_yaml
from bot.limits import shorten
from bot.yamlguard import YAMLLimitError

DECK_FILE = "deck.yaml"
SYNONYMS_FILE = "synonyms.yaml"
CASES_FILE = "cases.yaml"
DECK_FILES = (DECK_FILE, SYNONYMS_FILE, CASES_FILE)
# Every kind an item file may hold, told apart by its `kind`.
Item = Annotated[
    Service | Algorithm | Metric | Concept | Trap | Question | OrderingQuestion | MatchingQuestion, Field(discriminator="kind")
]
_ITEM: TypeAdapter[Item] = TypeAdapter(Item)
_CASES: TypeAdapter[list[CaseStudy]] = TypeAdapter(list[CaseStudy])
# The fields only some kinds of entry have, so that one given to another kind can say which kinds have it.
_KIND_FIELDS = {model.__name__.lower(): set(model.model_fields) for model in (Service, Algorithm, Metric, Concept, Trap)}
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
                message = "unknown field" + (_owners(str(loc[0])) if len(loc) == 1 else "")
            elif problem["type"] == "missing":
                message = "required field is missing"
            elif problem["type"] == "union_tag_invalid":
                context = problem.get("ctx", {})
                message = f"unknown kind '{shorten(str(context.get('tag')))}'; expected one of: {context.get('expected_tags')}"
            field = _dotted(loc) or ("kind" if "tag" in problem["type"] else "")
            self.add(path, line_of(raw, loc), f"{label}{field}".rstrip(), message)


def _owners(field: str) -> str:
    """" (only a concept has it)" when `field` is one some kinds of entry have, else nothing."""
    kinds = [kind for kind, fields in _KIND_FIELDS.items() if field in fields]
    if not kinds or len(kinds) == len(_KIND_FIELDS):
        return ""
    named = " or ".join(f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}" for kind in kinds)
    return f" (only {named} has it)"


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


def _read_model(collector: _Collector, path: Path, model: type[BaseModel] | TypeAdapter[Any], needs: str | None = None) -> Any:
    """The file's document as `model`, or None. An empty file is a problem when the file `needs` something."""
    raw = _read(collector, path)
    if raw is None and needs:
        collector.add(path, None, "", f"is empty: {needs}")
    if raw is None or raw is _UNREADABLE:
        return None
    try:
        return model.validate_python(raw) if isinstance(model, TypeAdapter) else model.model_validate(raw)
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


def _check_question(
    collector: _Collector, info: DeckInfo, cases: set[str], known: set[str], item: QuestionBase, path: Path, raw: Any
) -> None:
    label = f"{item.kind} '{item.id}' "
    for index, ref in enumerate(item.tests):
        if ref not in known:
            collector.add(path, line_of(raw, ("tests", index)), f"{label}tests[{index}]", f"unknown id '{ref}'")
    if item.domain not in info.weights:
        collector.add(path, line_of(raw, ("domain",)), f"{label}domain", f"not one of this deck's domains: {', '.join(info.weights)}")
    if item.task is not None:
        task = info.task(item.task)
        if task is None or task.domain != item.domain:
            why = f"no task statement '{item.task}' in deck.yaml" if task is None else f"task {item.task} is in {task.domain}"
            collector.add(path, line_of(raw, ("task",)), f"{label}task", why)
    if item.case is not None and item.case not in cases:
        collector.add(path, line_of(raw, ("case",)), f"{label}case", f"no case study '{item.case}' in {CASES_FILE}")


def _check_references(collector: _Collector, info: DeckInfo, cases: set[str], entries: dict[str, Entry], shared: set[str]) -> None:
    known = set(entries)
    owner: dict[str, str] = {}
    for item, path, raw in collector.items:
        if isinstance(item, QuestionBase):
            _check_question(collector, info, cases, known, item, path, raw)
            continue
        label = f"{item.kind} '{item.id}' "
        if item.id not in shared and item.domain not in info.weights:
            collector.add(path, line_of(raw, ("domain",)), f"{label}domain", f"not one of this deck's domains: {', '.join(info.weights)}")
        for index, link in enumerate(item.confusable_with):
            if item.id not in shared and (link.id not in known or link.id == item.id):
                why = "an entry cannot be confused with itself" if link.id == item.id else f"unknown id '{link.id}'"
                collector.add(path, line_of(raw, ("confusable_with", index, "id")), f"{label}confusable_with[{index}].id", why)
        for name in item.names:
            key = fold(name)
            if owner.setdefault(key, item.id) != item.id:
                collector.add(path, line_of(raw, ("aliases",)), f"{label}aliases", f"'{name}' also names '{owner[key]}'")


def _share(collector: _Collector, root: Path, info: DeckInfo) -> tuple[set[str], list[list[str]]]:
    """Read the entries of the decks this one shares: those tagged with this deck's exam join it, each taking this
    deck's domain. Their links to entries that did not join are left out (they stand in their own deck), and links
    from this deck's own entries to them are added back. Returns the ids that joined, and the shared decks' synonym
    groups (a deck that shares another's entries speaks its vocabulary too)."""
    joined: list[tuple[Entry, Path, Any]] = []
    groups: list[list[str]] = []
    for code in info.shares:
        files = collector.files.shared.get(code)
        if files is None or not files.texts or files.unlisted:
            collector.add(root / DECK_FILE, None, "shares", f"no readable deck '{code}' beside this one ({root.parent / code})")
            continue
        reader = _Collector(files)
        for path in files.texts:
            if path.name not in DECK_FILES or path.parent != files.root:
                _read_items(reader, path)
        if files.root / SYNONYMS_FILE in files.texts:
            words = _read_model(reader, files.root / SYNONYMS_FILE, Synonyms)
            groups += words.groups if words else []
        collector.issues += reader.issues
        for item, path, raw in reader.items:
            if isinstance(item, QuestionBase) or info.id not in item.exams:
                continue
            domain = info.entry_domains.get(item.id) or info.domain_map.get(item.domain)
            if domain is None:
                why = f"shared entry '{item.id}' is in '{item.domain}', which neither domain_map nor entry_domains maps"
                collector.add(root / DECK_FILE, None, "domain_map", why)
                continue
            joined.append((item.model_copy(update={"domain": domain}), path, raw))
    ids = {item.id for item, _, _ in joined}
    own = [item for item, _, _ in collector.items if not isinstance(item, QuestionBase)]
    in_deck = ids | {item.id for item in own}
    back = _links_back(own, ids)
    for item, path, raw in joined:
        links = [link for link in item.confusable_with if link.id in in_deck]
        links += [link for link in back.get(item.id, []) if link.id not in {kept.id for kept in links}]
        collector.items.append((item.model_copy(update={"confusable_with": links}), path, raw))
    if stray := set(info.entry_domains) - ids:
        collector.add(root / DECK_FILE, None, "entry_domains", f"not shared entries of this deck: {', '.join(sorted(stray))}")
    return ids, groups


def _links_back(own: list[Entry], shared: set[str]) -> dict[str, list[Confusable]]:
    """For each shared entry, the links back from this deck's own entries that name it as a look-alike: its own deck
    cannot name entries it does not hold, so without these a shared card would not show this deck's look-alikes.
    A difference line tells both entries apart, so it reads the same from either side."""
    back: dict[str, list[Confusable]] = {}
    for item in own:
        for link in item.confusable_with:
            if link.id in shared:
                back.setdefault(link.id, []).append(Confusable(id=item.id, difference=link.difference))
    return back


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
    info = _read_model(collector, root / DECK_FILE, DeckInfo, needs="a deck needs its id, name and domains")
    synonyms = Synonyms(groups=[])
    if root / SYNONYMS_FILE in paths:
        synonyms = _read_model(collector, root / SYNONYMS_FILE, Synonyms) or synonyms
    cases: list[CaseStudy] = []
    if root / CASES_FILE in paths:
        cases = _read_model(collector, root / CASES_FILE, _CASES) or cases
    for path in paths:
        if path.name not in DECK_FILES or path.parent != root:
            _read_items(collector, path)
    if info is None:
        raise DeckError(collector.issues)
    shared, shared_words = _share(collector, root, info)
    synonyms = Synonyms(groups=[*synonyms.groups, *shared_words])

    entries: dict[str, Entry] = {}
    questions: dict[str, AnyQuestion] = {}
    first_seen: dict[str, tuple[Path, Any]] = {}
    for item, path, raw in collector.items:
        if item.id in first_seen:
            other_path, other_raw = first_seen[item.id]
            where = f"{collector.shown(other_path)}:{getattr(other_raw, 'line', '?')}"
            collector.add(path, line_of(raw, ("id",)), f"{item.kind} '{item.id}' id", f"duplicate id, first defined at {where}")
            continue
        first_seen[item.id] = (path, raw)
        if isinstance(item, QuestionBase):
            questions[item.id] = item
        else:
            entries[item.id] = item
    _check_references(collector, info, {case.id for case in cases}, entries, shared)

    if collector.issues:
        raise DeckError(collector.issues)
    origins = {item_id: (collector.shown(path), getattr(raw, "line", None)) for item_id, (path, raw) in first_seen.items()}
    return KnowledgeBase(
        info=info, entries=entries, questions=questions, synonyms=synonyms, origins=origins, cases={case.id: case for case in cases},
    )
