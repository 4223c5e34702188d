"""A use case as learners type it ("cheap big data cluster using spot for extra compute") turned into the sentence of
a short scenario ("A startup needs a cheap big data cluster that uses Spot..."), with the deck's own spelling of names.

The rules are deliberately small: a use case that starts with a verb becomes "needs to ...", one that starts with a
question word becomes "needs to find out ...", and a noun phrase gets the article its head noun asks for. A use case
phrased as a direct question ("where do model artifacts go") does not read well in any frame and yields None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property

from bot.knowledge.models import Entry

# Who has the need: plain business actors, chosen per use case by a stable hash, so stems do not all read alike.
SUBJECTS = (
    "A data science team", "An ML engineer", "A retail company", "A startup", "A healthcare analytics team",
    "A media company", "A financial services firm", "A logistics company", "A research group", "An e-commerce team",
)
# Words that open a use case as an action; the few openings where such a word is a noun are in _NOUN_OPENINGS.
VERBS = frozenset(
    """
    adapt add alert allow analyze annotate anonymize answer apply approve ask assign attach audit automate avoid
    balance benchmark block bring build call cap capture catch categorize chain change check choose classify
    clean clip cluster collect combine compare compile compress compute connect control convert copy count crawl
    create crowdsource cut de-identify debug decide deduplicate define deliver deploy describe detect digitize disable
    discover distribute draw drive drop embed encode encrypt enforce enrich estimate evaluate explain explore export
    extend extract feed fight figure fill filter find fine-tune fit fix flag forecast generalize generate get give
    govern group guarantee handle hide highlight hold host identify import improve index infer ingest inspect install inventory
    join keep kick label land learn let limit link list load localize locate lock log look make manage map mask match
    maximize measure meet merge migrate moderate monitor mount move normalize notify optimize orchestrate organize
    output oversample package pay penalise penalize personalize pick pin pipe play plot post-process predict prepare
    preprocess present prevent process produce profile project protect provision publish pull push query queue rank
    re-rank reach react read rebalance recognize recommend record redact reduce register regularize remove replace
    replay replicate represent reproduce rerun rescale restrict resume retrain retrieve return reuse review right-size
    roll rotate route run save scale scan schedule score search secure see segment select send separate serve set
    shadow share ship show shrink simulate sort speed spin split spot stabilize stack start stop store stream structure
    summarise summarize swap sync tag teach test tokenize track trade train transcribe transfer transform translate
    trigger try tune turn understand update upload use validate verify version visualise visualize wait warn watch
    weight write
""".split()  # noqa: SIM905 - a word list reads better as text
)
# A use case with its own subject and verb ("analyst wants predictions") cannot follow "needs".
_CLAUSE_VERBS = frozenset({"want", "wants", "need", "needs", "ask", "asks", "is", "are", "has", "have", "can", "should", "must"})
_QUESTION_WORDS = frozenset({"which", "who", "what", "when", "where", "whether", "how", "why"})
_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could", "should", "would", "will", "to"})
_PREPOSITIONS = frozenset({
    "on", "with", "for", "in", "from", "to", "of", "using", "that", "without", "by", "behind", "during", "into", "across",
    "over", "under", "at", "per", "via", "as",
})
# Verb-looking openings that are really nouns ("weight decay", "spot instances").
_NOUN_OPENINGS = frozenset({"weight decay", "record linkage", "spot instance", "spot instances", "output layer"})
_UNCOUNTABLE = re.compile(r"(?:tion|sion|ing|ment|ness|ity|acy|ance|ence|ware|data|info|information|text|speech|traffic)$")
_WORD = re.compile(r"[\w][\w'.+-]*")
# A use case speaks for the learner ("my data"); the scenario speaks about the team.
# Names learners type in lower case that must still be spelled with capitals.
_SHORT_NAMES = frozenset({"ml", "aws", "ai", "api", "gpu", "cpu", "sql", "pii", "ip", "id", "csv", "json", "iot", "nlp", "amazon"})
_PRONOUNS = {"i": "they", "me": "them", "my": "their", "mine": "theirs", "our": "their", "we": "they", "us": "them"}
# Use cases that are notes about the exam rather than needs.
_NOT_A_NEED = re.compile(r"\bexam\b", re.IGNORECASE)


class Phrasing:
    """Built once per deck: the deck's spelling of every word it capitalises (SageMaker, PII, PyTorch)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        self._texts = [text for entry in entries for text in (*entry.names, entry.summary, *entry.facts)]
        self._use_cases = [text for entry in entries for text in entry.use_cases]

    @cached_property
    def spelling(self) -> dict[str, str]:
        """Words the deck writes with capitals inside them or in full (SageMaker, PII), or always capitalised mid-sentence
        (Docker, Spot); a word it also writes in lower case mid-sentence (model, data) keeps the use case's spelling."""
        capitals: dict[str, Counter[str]] = {}
        prose: Counter[str] = Counter()
        for text in self._texts:
            for index, match in enumerate(_WORD.finditer(text)):
                word = match.group().rstrip(".")
                if word.islower():
                    prose[word] += 1
                elif index > 0 and len(word) > 1:
                    capitals.setdefault(word.lower(), Counter())[word] += 1
        typed = Counter(word for text in self._use_cases for word in _WORD.findall(text) if word not in _SHORT_NAMES)
        spelling = {}
        for key, forms in capitals.items():
            form, count = forms.most_common(1)[0]
            mixed = not form.isupper() and not form[1:].islower()  # SageMaker, PyTorch
            acronym = form.isupper() and count > prose[key] + typed[key]  # PII, but not ADD from a SQL statement
            proper = form[1:].islower() and not prose[key] and key not in VERBS  # Docker, Athena, but not Transcribe
            if mixed or acronym or proper:
                spelling[key] = form
        return spelling

    def spelled(self, text: str) -> str:
        def respell(match: re.Match[str]) -> str:
            word = match.group()
            return _PRONOUNS.get(word.lower()) or self.spelling.get(word.lower(), word)

        return _WORD.sub(respell, text)

    def clause(self, use_case: str) -> str | None:
        """What the subject needs, ready to follow it: "needs to ...", "needs a ..."; None for a direct question."""
        text = " ".join(use_case.split()).rstrip(".?!")
        words = text.lower().split()
        if not words or _NOT_A_NEED.search(text):
            return None
        first = words[0]
        if first in _QUESTION_WORDS:
            if len(words) > 1 and words[1] in _AUXILIARIES:
                return None
            return f"needs to find out {self.spelled(text)}"
        if first in VERBS and " ".join(words[:2]) not in _NOUN_OPENINGS:
            return f"needs to {self.spelled(text)}"
        if _CLAUSE_VERBS & set(words[1:4]):
            return None
        return f"needs {_article(words)}{self.spelled(text)}"

    def scenario(self, use_case: str, subject: str) -> str | None:
        clause = self.clause(use_case)
        return f"{subject} {clause}." if clause else None


def _article(words: list[str]) -> str:
    """'a ' or 'an ' for a singular countable head noun, '' for a plural, uncountable or superlative phrase."""
    head = words[0]
    for word in words:
        if word in _PREPOSITIONS:
            break
        head = word
    if words[0] in ("best", "cheapest", "fastest", "lowest", "highest", "most", "least", "same") or words[0].endswith("est"):
        return "the "
    if (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or _UNCOUNTABLE.search(head):
        return ""
    return "an " if words[0][0] in "aeiou" else "a "
