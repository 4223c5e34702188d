"""The options of a pasted exam question, in the forms people paste them.

Practice sites and chat format options many ways: "A." "b)" "(C)" "Option D:" "1." "- [ ]" "•", one per line or run
together on one line (Discord's slash commands take no line breaks), or as bare lines after the question with no
label at all. Whatever their labels, they are lettered A, B, C... in order, as the exam letters them.
"""

from __future__ import annotations

import re

MAX_OPTIONS = 6
# Bare lines after the question are taken for options only when there are at least BARE_OPTIONS of them (exam
# questions have four or five; a learner's "Is Firehose right? We have 5 GB an hour. It must land in S3." has two)
# and each is this short (an option, not a paragraph).
BARE_OPTIONS = 3
BARE_OPTION_WORDS = 30

# Markdown bold ("**A.**") says nothing about the question (underscores stay: "__label__" means something).
_EMPHASIS = re.compile(r"\*\*")
# A label at the start of a line: "A." "a)" "(A)" "[A]" "A:" "A -" "1." and an optional word before it ("Option A:").
_LABELLED_LINE = re.compile(
    r"^\s*(?:>\s*)?(?:(?:option|choice|answer)\s+)?[(\[]?(?P<label>[A-Fa-f]|[1-6])(?:[.):\]]|\s+[-–—])\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)
# A bullet or checkbox at the start of a line: "- " "* " "• " "- [ ] " "- [x] " "[ ] ".
_BULLET_LINE = re.compile(r"^\s*(?:>\s*)?(?:[-*•·]\s+(?:\[[ xX]?\]\s+)?|\[[ xX]?\]\s+)(?P<text>\S.*)$")
# Run-together options: a label after a space ("A." "(B)" "C)" "D:" "Option E:" "1."), in order.
_INLINE = r"(?:^|(?<=\s))(?:(?i:option|choice)\s+)?\(?{label}[.):]\s+"
# Run-together checkboxes or bullets: each starts an option.
_INLINE_BULLET = re.compile(r"(?:^|(?<=\s))(?:-\s+)?\[[ xX]?\]\s+|(?:^|(?<=\s))•\s+")
_SEQUENCES = ("ABCDEF", "abcdef", "123456")
_INLINE_LABEL = {label: re.compile(_INLINE.format(label=label)) for labels in _SEQUENCES for label in labels}


def split_options(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the options, and the options as (letter, text); no options unless at least two are found."""
    text = _EMPHASIS.sub("", text)
    for find in (_lines, _inline_labels, _inline_bullets, _bare_lines):
        stem, options = find(text)
        if len(options) >= 2:
            return stem, options
    return text, []


def _lines(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Options one per line at the end of the text: labelled in order (an unlabelled line after a labelled one
    continues it), or else bulleted. The last line labelled A (or a, or 1) starts the block, so a numbered list in the
    setup is not taken for the lettered options that follow it."""
    lines = text.splitlines()
    start, sequence = None, ""
    options: list[tuple[str, list[str]]] = []
    for number, line in enumerate(lines):
        found = _LABELLED_LINE.match(line)
        label = found.group("label") if found else None
        first = next((labels for labels in _SEQUENCES if label == labels[0]), None)
        if found and first:
            start, sequence, options = number, first, [("A", [found.group("text")])]
        elif found and options and len(options) < MAX_OPTIONS and label == sequence[len(options)]:
            options.append(("ABCDEF"[len(options)], [found.group("text")]))
        elif options and "?" in line:
            start, options = None, []  # the question comes after: that was a list in the setup
        elif options and line.strip():
            options[-1][1].append(line.strip())
    if start is not None and len(options) >= 2 and _asked_before(sequence, "\n".join(lines[:start])):
        return "\n".join(lines[:start]), [(letter, " ".join(parts)) for letter, parts in options]
    return _bullets(lines, text)


def _asked_before(sequence: str, stem: str) -> bool:
    """Small letters and numbers label options only after the question: before it, "1." or "a)" is a list in the
    setup ("The pipeline has three steps: 1. ...")."""
    return sequence == "ABCDEF" or "?" in stem


def _bullets(lines: list[str], text: str) -> tuple[str, list[tuple[str, str]]]:
    """The bulleted lines that end the text, as options."""
    filled = [number for number, line in enumerate(lines) if line.strip()]
    start = len(filled)
    while start and _BULLET_LINE.match(lines[filled[start - 1]]):
        start -= 1
    bullets = [_BULLET_LINE.match(lines[number]) for number in filled[start:]]
    if not 2 <= len(bullets) <= MAX_OPTIONS:
        return text, []
    stem = "\n".join(lines[: filled[start]])
    return stem, [("ABCDEF"[number], match.group("text").strip()) for number, match in enumerate(bullets) if match]


def _inline_labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Labels in order after a space, on one line or several: upper-case letters anywhere ("A." "(B)" "C)" "Option D:"),
    small letters or numbers ("a)" "1.") after the question."""
    for labels in _SEQUENCES:
        if not any(labels[0] + mark in text for mark in ".):"):
            continue  # a cheap look saves scanning the whole text for a label that is not there
        starts: list[tuple[int, int]] = []
        position = 0
        for label in labels:
            found = _INLINE_LABEL[label].search(text, position)
            if not found:
                break
            starts.append((found.start(), found.end()))
            position = found.end()
        if len(starts) >= 2 and _asked_before(labels, text[: starts[0][0]]):
            return _cut(text, starts)
    return text, []


def _inline_bullets(text: str) -> tuple[str, list[tuple[str, str]]]:
    if "[" not in text and "•" not in text:
        return text, []
    starts = [(found.start(), found.end()) for found in _INLINE_BULLET.finditer(text)]
    return _cut(text, starts) if len(starts) <= MAX_OPTIONS else (text, [])


def _cut(text: str, starts: list[tuple[int, int]]) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first start, and the text from each start's end to the next start, lettered in order; none
    when a question follows the last (then the labels were a list in the setup)."""
    if len(starts) < 2 or "?" in text[starts[-1][1]:]:
        return text, []
    ends = [start for start, _ in starts[1:]] + [len(text)]
    options = [" ".join(text[end:stop].split()) for (_, end), stop in zip(starts, ends, strict=True)]
    return text[: starts[0][0]], [("ABCDEF"[number], option) for number, option in enumerate(options) if option]


def _bare_lines(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Unlabelled short lines after the last line holding a question mark."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    asked = [number for number, line in enumerate(lines) if "?" in line]
    if not asked:
        return text, []
    after = lines[asked[-1] + 1:]
    if not BARE_OPTIONS <= len(after) <= MAX_OPTIONS or any(len(line.split()) > BARE_OPTION_WORDS for line in after):
        return text, []
    return "\n".join(lines[: asked[-1] + 1]), [("ABCDEF"[number], line) for number, line in enumerate(after)]
