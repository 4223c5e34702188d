"""A pasted exam question taken apart: the setup, the question sentence, the requirement it states, the kind of
answer it asks for, and its options when they were pasted too.

Exam stems follow one pattern: a scenario ("A company streams clickstream data with Kinesis..."), then the question
("Which solution meets these requirements with the LEAST operational overhead?"), then options A-D. What the question
tests is mostly in the question sentence and the requirement; a service the setup names is as often the answer's host
("...an AWS Glue job... which change?") as mere context. A stem may also state a requirement in numbers (a training
score far above its test score, `scoregap.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.matching.options import split_options
from bot.matching.scoregap import score_gap

# Sentence ends: . ? ! followed by space and a capital, a digit or an opening quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9(\"'“])")
_ASKING = re.compile(r"\b(?:which|what|how|why|who|where|when|should|select|choose|identify)\b|\?\s*$", re.IGNORECASE)
# What the question sentence asks for, first match wins: the kind of entry that can answer it.
WANTS: list[tuple[str, re.Pattern[str]]] = [
    ("metric", re.compile(r"\b(?:metrics?|measures?|scores?)\b", re.IGNORECASE)),
    ("algorithm", re.compile(r"\b(?:algorithms?|built-in)\b", re.IGNORECASE)),
    ("concept", re.compile(
        r"\b(?:techniques?|approach(?:es)?|methods?|strateg(?:y|ies)|transformations?|visuali[sz]ations?|plots?|charts?|graphs?|"
        r"changes?|steps?|improve|cause|problem|issue|explain|why)\b", re.IGNORECASE,
    )),
    ("service", re.compile(r"\b(?:services?|AWS|Amazon)\b")),
]
# A question sentence that asks how to frame the problem ("How should the Specialist frame this business problem?",
# "What type of machine learning model should be used?"): then a problem type, a concept, is the answer it wants
# (see the matcher's UNFRAMED_PROBLEM_TYPE). Model words that name something else are not framing: "type of model
# monitoring", "kind of learning rate schedule", "frame the images".
FRAMING = re.compile(
    r"\b(?:(?:re)?fram(?:e|es|ing) (?:this|the|that|its|their|it)\b(?! (?:images?|videos?|pictures?|photos?)\b)|"
    r"(?:re)?framed|formulated|(?:ML|machine[- ]learning) approach(?:es)?|(?:problem|model|learning) types?|"
    r"(?:types?|kinds?|class|category) of (?:[\w-]+ ){0,2}?(?:problems?|tasks?|approach(?:es)?|learning(?! rate)|"
    r"models?(?! (?:monitor|drift|deploy|explain|host|registr|serv|card|quality|bias|artifact|version|latency|perform))))\b",
    re.IGNORECASE,
)
# Clauses that state what the solution must do or the requirement the question turns on, up to the clause's end.
REQUIREMENT = re.compile(
    r"\b(?:(?:does|do|must|should) not |doesn't |don't )?"
    r"(?:must|needs? to|has to|have to|requires?|wants? to|should|LEAST|MOST|FEWEST|lowest|highest|fastest|cheapest|"
    r"minimal|minimum|maximum|without|no (?:ML|machine learning) (?:expertise|experience|knowledge))\b[^.;?]*",
    re.IGNORECASE,
)
MIN_WORDS = 18
# "(Choose two)", "(Select THREE.)": how many to pick, not what is asked; left in, it would be read as the question.
_HOW_MANY = re.compile(r"\(?\b(?:choose|select|pick)\s+(?:two|three|four|2|3|4)\b(?:\s+answers)?[.)]*", re.IGNORECASE)


@dataclass(frozen=True)
class PastedQuestion:
    """`exam` says it reads as an exam question: options, or a setup and a question sentence. A long statement
    of need, or a learner's own question in one long sentence, is matched the same way but is not one."""

    setup: str
    ask: str
    requirements: list[str]
    wants: str | None
    framing: bool
    options: list[tuple[str, str]]
    exam: bool


def parse_pasted(text: str) -> PastedQuestion | None:
    """The parts of a pasted exam question, or None when the text reads as a short question of its own. A long text
    is read this way even as one sentence without a question: shortened practice questions are often a single
    statement of need ("Land our website's clickstream JSON in Amazon S3 as Parquet for Athena, without managing
    servers and with the LEAST operational overhead.")."""
    stem, options = split_options(text)
    stem = _HOW_MANY.sub(" ", stem)
    sentences = [sentence.strip() for sentence in _SENTENCE_END.split(" ".join(stem.split())) if sentence.strip()]
    if not sentences or (not options and len(stem.split()) < MIN_WORDS):
        return None
    asking = [index for index, sentence in enumerate(sentences) if _ASKING.search(sentence)]
    last = asking[-1] if asking else len(sentences) - 1
    ask = sentences[last]
    setup = " ".join(sentences[:last] + sentences[last + 1:])
    framing = bool(FRAMING.search(ask))
    wants = "concept" if framing else next((kind for kind, pattern in WANTS if pattern.search(ask)), None)
    requirements = [match.group().strip() for match in REQUIREMENT.finditer(stem)]
    gap = score_gap(stem)  # a requirement the stem states in numbers
    if gap:
        requirements.append(gap)
    return PastedQuestion(setup, ask, requirements, wants, framing, options, bool(options or (asking and setup)))
