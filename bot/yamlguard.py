"""Limits every YAML document is held to before it is built: nesting depth, number of values, alias expansion,
integer length, and no duplicate keys.

They hold for any SafeLoader-like class, PyYAML's pure-Python SafeLoader or libyaml's CSafeLoader alike: the
shape is checked on the parser's event stream (which both parse without recursion), integers and keys in the
constructor that both share.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from bot.limits import YAML_ALIAS_CHARS, YAML_DEPTH, YAML_INT_DIGITS, YAML_VALUES, shorten

MERGE_TAG = "tag:yaml.org,2002:merge"
TOO_DEEP = f"nested more than {YAML_DEPTH} levels deep"
# How libyaml refuses nesting past its own ceiling (1,000 levels). Its scanner reads ahead of the events, so a document
# far deeper than YAML_DEPTH can reach that ceiling before the events do.
LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


class YAMLLimitError(yaml.MarkedYAMLError):
    """A document refused for its shape rather than its syntax; `problem` says which limit, `problem_mark` where."""


class GuardedConstructor:
    """Mix in before a SafeLoader or CSafeLoader: over-long integers and duplicate keys become ConstructorErrors
    (with the line) instead of a ValueError from int() or the silent loss of the first value."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The table maps tags to functions, so an overriding method is only used once registered again (on each
        # loader class: a mixin between this one and the loader has no table yet).
        if hasattr(cls, "add_constructor"):
            cls.add_constructor("tag:yaml.org,2002:int", cls.construct_yaml_int)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > YAML_INT_DIGITS:
            raise ConstructorError(
                None, None, f"an integer of {len(node.value):,} digits; at most {YAML_INT_DIGITS} are allowed", node.start_mark
            )
        return super().construct_yaml_int(node)  # type: ignore[misc]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == MERGE_TAG:
                continue
            key = self.construct_object(key_node)  # type: ignore[attr-defined]
            first = first_seen.setdefault(key, key_node)
            if first is not key_node:
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"found duplicate key '{shorten(str(key))}' (first on line {first.start_mark.line + 1})", key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


def check_shape(text: str, loader: type) -> None:
    """Raise YAMLLimitError if `text` nests collections deeper than YAML_DEPTH, holds more than YAML_VALUES values,
    or if its aliases would repeat more than YAML_ALIAS_CHARS characters (what an anchor names, counted each time an
    alias repeats it). Stops at the first limit passed, so a refusal costs no more than a document at the limits."""
    frames: list[list[Any]] = [[None, 0]]  # per open collection: its anchor, and the characters it holds so far
    anchored: dict[str, int] = {}
    repeated = values = 0

    def close(anchor: str | None, size: int) -> None:
        if anchor:
            anchored[anchor] = size
        frames[-1][1] += size

    for event in _events(text, loader):
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > YAML_VALUES:
                raise YAMLLimitError(problem=f"holds more than {YAML_VALUES:,} values; refused", problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(frames) > YAML_DEPTH:
                raise YAMLLimitError(problem=TOO_DEEP, problem_mark=event.start_mark)
            frames.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent):
            close(*frames.pop())
        elif isinstance(event, yaml.ScalarEvent):
            close(event.anchor, len(event.value) + 1)
        elif isinstance(event, yaml.AliasEvent):
            size = anchored.get(event.anchor, 0)
            repeated += size
            if repeated > YAML_ALIAS_CHARS:
                raise YAMLLimitError(
                    problem=f"aliases repeat more than {YAML_ALIAS_CHARS:,} characters (an alias bomb?); refused",
                    problem_mark=event.start_mark,
                )
            frames[-1][1] += size


def _events(text: str, loader: type) -> Iterator[yaml.Event]:
    """The parser's events; too deep a document is refused in the same words whichever parser noticed first."""
    try:
        yield from yaml.parse(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        if error.problem != LIBYAML_TOO_DEEP:
            raise
        raise YAMLLimitError(problem=TOO_DEEP, problem_mark=error.problem_mark) from None


def guarded_load(text: str, loader: type) -> Any:
    """`yaml.load(text, loader)` once the document's shape passes `check_shape`; `loader` must be SafeLoader-based.
    PyYAML lets a few malformed scalars escape as ValueError (an escape past U+10FFFF, "\\U00110000"): those are
    malformed YAML too."""
    try:
        check_shape(text, loader)
        return yaml.load(text, Loader=loader)
    except (ValueError, OverflowError) as error:
        raise yaml.YAMLError(f"malformed YAML: {error}") from error
