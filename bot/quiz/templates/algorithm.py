"""Algorithm -> input format or training instances, for SageMaker built-in algorithms.

A wrong format must be one that no listing of the algorithm mentions, compared by canonical form (case and
punctuation ignored: "recordIO-protobuf" is "RecordIO protobuf", "JSON Lines" is "jsonlines") and by the image
formats a listing names in words ("JPG or PNG files in one S3 folder per class" takes image/jpeg). Instance questions
are asked only where the deck lists one instance type for training and its notes do not qualify that.
"""

from __future__ import annotations

import random
import re
from itertools import combinations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Algorithm
from bot.knowledge.questions import Question
from bot.quiz.compose import Wrong, drill_id, question, sentence

DISTRACTORS = 3
# Containers rather than data formats, so never an option: an augmented manifest can feed other algorithms in Pipe
# mode, and CSV or JSON Lines are text files too.
CONTAINERS = frozenset({"augmentedmanifest", "textfile"})
# An augmented manifest is a JSON Lines file, read in Pipe mode as RecordIO records, whose images are application/x-image:
# an algorithm that takes one cannot be said to refuse any of these.
WRAPS = {"augmentedmanifest": frozenset({"jsonlines", "recordiomxnet", "applicationximage"})}
# Image formats a listing can name in words rather than as a content type.
_IMAGE_FORMATS = {
    "imagejpeg": re.compile(r"\bjpe?g\b"),
    "imagepng": re.compile(r"\bpng\b"),
    "applicationximage": re.compile(r"\bx-image\b"),
}
# Words of format names too general to show that a fact is about input formats ("MXNet" in "built on MXNet Gluon").
_GENERAL_FORMAT_WORDS = frozenset({"image", "text", "file", "lines", "mxnet"})
# Formats whose canonical names start alike are easy to mix up ("recordioprotobuf", "recordiomxnet").
NAME_PREFIX = 8
_INSTANCES = {"cpu": "CPU instances only", "gpu": "GPU instances only"}
_BOTH = "Either CPU or GPU instances"
_CLAUSES = re.compile(r"[.;]\s*")
_SERVING = re.compile(r"\b(?:inference|host|serv|endpoint)", re.IGNORECASE)


def canonical(fmt: str) -> str:
    """One key per input format however it is written."""
    return re.sub(r"[^a-z0-9]", "", fmt.casefold())


def formats_named(fmt: str) -> set[str]:
    """The canonical formats a listing stands for: itself, and the image formats it names in words."""
    folded = fmt.casefold()
    return {canonical(fmt), *(key for key, pattern in _IMAGE_FORMATS.items() if pattern.search(folded))}


def _either(formats: list[str]) -> str:
    """"CSV", "recordIO-protobuf or CSV", "CSV, libsvm or Parquet"."""
    return formats[0] if len(formats) == 1 else f"{', '.join(formats[:-1])} or {formats[-1]}"


def _builtins(kb: KnowledgeBase) -> list[Algorithm]:
    return [entry for entry in kb.entries.values() if isinstance(entry, Algorithm) and entry.builtin]


def _plausible(pool: list[str], accepted: set[str], accepting: list[set[str]]) -> dict[str, int]:
    """How tempting each wrong format is: 2 when another algorithm takes it together with a format this one takes
    (Parquet for XGBoost, through DeepAR), 1 when its name is close to an accepted one (RecordIO (MXNet) beside
    recordIO-protobuf), else 0 (a format of another kind of data, such as an image format for a tabular algorithm)."""
    kin = set().union(*(formats for formats in accepting if formats & accepted)) - accepted
    return {
        text: 2 if canonical(text) in kin else int(any(canonical(text)[:NAME_PREFIX] == key[:NAME_PREFIX] for key in accepted))
        for text in pool
    }


Used = set[tuple[frozenset[str], str]]


def _fresh_distractors(pool: list[str], right: str, tempting: dict[str, int], used: Used, rng: random.Random) -> list[str] | None:
    """The three most tempting formats from `pool` that, with `right`, make an option set no earlier format drill had
    with the same answer (else learners would learn the set, not the algorithm); None when every set is taken. Equally
    tempting sets are tried in the seeded order, so the same deck gives the same drills."""
    choices = [list(combo) for combo in combinations(pool, DISTRACTORS)]
    rng.shuffle(choices)
    choices.sort(key=lambda wrong: -sum(tempting[text] for text in wrong))
    for wrong in choices:
        key = (frozenset([right, *wrong]), right)
        if key not in used:
            used.add(key)
            return wrong
    return None


def _names_format(text: str, fmt: str) -> bool:
    """Whether `text` names the format `fmt` (as written, or an image format it stands for)."""
    return canonical(fmt) in canonical(text) or bool(formats_named(fmt) & formats_named(text) - {canonical(text)})


def _format_fact(algorithm: Algorithm) -> str:
    """The first fact that names one of the algorithm's formats, else the first that shares a word with them (how the
    channels hold them), else its summary."""
    for fact in algorithm.facts:
        if any(_names_format(fact, fmt) for fmt in algorithm.input_formats if canonical(fmt) not in CONTAINERS):
            return fact
    names = {word for fmt in algorithm.input_formats for word in re.findall(r"[a-z]{3,}", fmt.casefold())}
    names -= _GENERAL_FORMAT_WORDS
    for fact in algorithm.facts:
        if names & set(re.findall(r"[a-z]{3,}", fact.casefold())):
            return fact
    return algorithm.summary


def _about(name: str, fact: str) -> str:
    """The fact headed by the algorithm it is about ("XGBoost: Accepts CSV, ..."), as the fact may not name it."""
    return f"{name}: {sentence(fact)}"


def format_questions(kb: KnowledgeBase) -> list[Question]:
    """One question per input format a built-in algorithm accepts, with three formats it does not accept, the most
    tempting first."""
    known: dict[str, str] = {}
    for algorithm in _builtins(kb):
        for fmt in algorithm.input_formats:
            known.setdefault(canonical(fmt), fmt)
    accepting = [{canonical(fmt) for fmt in algorithm.input_formats} - CONTAINERS for algorithm in _builtins(kb)]
    questions = []
    used: Used = set()
    for algorithm in _builtins(kb):
        accepted = {canonical(fmt) for fmt in algorithm.input_formats}
        arguable = set().union(*(formats_named(fmt) for fmt in algorithm.input_formats))
        arguable |= set().union(*(WRAPS.get(key, frozenset()) for key in accepted))
        pool = [text for key, text in known.items() if not formats_named(text) & arguable and key not in CONTAINERS]
        if len(pool) < DISTRACTORS:
            continue
        tempting = _plausible(pool, accepted - CONTAINERS, accepting)
        listing = _either(algorithm.input_formats)
        for right in algorithm.input_formats:
            if canonical(right) in CONTAINERS:
                continue
            qid = drill_id("format", algorithm.id, right)
            wrong = _fresh_distractors(pool, right, tempting, used, random.Random(qid))
            if wrong is None:
                continue
            fact = _format_fact(algorithm)
            # The fact alone when it names the answer's format: it already says what the listing would.
            if _names_format(fact, right):
                explanation = _about(algorithm.name, fact)
            else:
                explanation = f"{algorithm.name} accepts {listing} for training. {sentence(fact)}"
            questions.append(
                question(
                    qid,
                    algorithm,
                    f"Which input format does the SageMaker built-in {algorithm.name} algorithm accept for training?",
                    right,
                    [Wrong(text, f"{algorithm.name} does not accept {text} for training; it takes {listing}.") for text in wrong],
                    explanation,
                    quoting=fact,
                )
            )
    return questions


def _hedged(notes: str | None, other: str) -> bool:
    """Whether the instance notes mention the unlisted instance type for training (e.g. "could run on GPUs")."""
    return any(other in clause.casefold() and not _SERVING.search(clause) for clause in _CLAUSES.split(notes or ""))


def instance_questions(kb: KnowledgeBase) -> list[Question]:
    """"Which instances can train X?" for built-ins that train on CPU only or GPU only, stated without a hedge."""
    questions = []
    for algorithm in _builtins(kb):
        if len(algorithm.training_instances) != 1:
            continue
        only = algorithm.training_instances[0]
        other = "gpu" if only == "cpu" else "cpu"
        if _hedged(algorithm.instance_notes, other):
            continue
        reason = f"{algorithm.name} trains on {only.upper()} instances only."
        questions.append(
            question(
                drill_id("instances", algorithm.id, only, algorithm.instance_notes or ""),
                algorithm,
                f"Which instance types can train the SageMaker built-in {algorithm.name} algorithm?",
                _INSTANCES[only],
                [Wrong(_INSTANCES[other], reason), Wrong(_BOTH, reason)],
                f"{reason} {sentence(algorithm.instance_notes or '')}".strip(),
            )
        )
    return questions
