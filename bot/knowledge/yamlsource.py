"""Safe YAML loading that remembers the line of every mapping key and list item, for error messages.

libyaml's C parser and composer (`yaml.CSafeLoader`) do the reading when PyYAML was built with it, about ten times
faster than the pure-Python ones; their nodes carry the same line marks, so every message reads the same. Without
libyaml, `yaml.SafeLoader` does the same work.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.yamlguard import GuardedConstructor, guarded_load


class LineDict(dict):
    """A mapping from YAML with `line` (its own) and `lines` (each key's), both 1-based."""

    line: int
    lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML with `line` (its own) and `lines` (each item's), both 1-based."""

    line: int
    lines: list[int]


class _LineConstructor(GuardedConstructor):
    """Containers that carry their source lines; mixed in before a SafeLoader-like class, so no arbitrary objects
    are built and the limits of bot.yamlguard (depth, aliases, integers, duplicate keys) hold."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            mapping.lines.setdefault(key, key_node.start_mark.line + 1)
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(super().construct_sequence(node, deep=True))  # type: ignore[misc]
        sequence.line = node.start_mark.line + 1
        sequence.lines = [child.start_mark.line + 1 for child in node.value]
        return sequence

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.add_constructor("tag:yaml.org,2002:map", cls.construct_mapping)  # type: ignore[attr-defined]
        cls.add_constructor("tag:yaml.org,2002:seq", cls.construct_sequence)  # type: ignore[attr-defined]


class PythonLineLoader(_LineConstructor, yaml.SafeLoader):
    """The pure-Python loader: the fallback when PyYAML has no libyaml."""


LOADERS: dict[str, type] = {"python": PythonLineLoader}
if yaml.__with_libyaml__:

    class CLineLoader(_LineConstructor, yaml.CSafeLoader):
        """libyaml's parser and composer with the line-keeping constructor."""

    LOADERS["libyaml"] = CLineLoader

# The loader decks are read with: libyaml's when there is one.
LineLoader: type = LOADERS.get("libyaml", PythonLineLoader)


def load_yaml(text: str) -> Any:
    """Parse one YAML document with safe semantics; raises yaml.YAMLError with a mark on bad syntax or a shape
    past the limits (bot.yamlguard.YAMLLimitError)."""
    return guarded_load(text, LineLoader)


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest node on `loc` that exists in `data` (a missing key points at its parent)."""
    line = getattr(data, "line", None)
    node = data
    for step in loc:
        if isinstance(node, LineDict) and step in node:
            line, node = node.lines.get(step, line), node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line, node = node.lines[step], node[step]
        else:
            break
    return line
