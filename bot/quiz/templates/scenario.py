"""A use case as learners type it ("cheap big data cluster using spot for extra compute") turned into the sentence of
a short scenario ("A startup needs a cheap big data cluster that uses Spot..."), with the deck's own spelling of names.

The rules are deliberately small: a use case that starts with a verb, or with an adverb and a verb, becomes "needs to
..." (but a verb followed by "of" is a noun: "catalog of models"); one that starts with a question word becomes "needs
to find out ..."; a noun phrase gets the article its head noun asks for. A use case phrased as a direct question
("where do model artifacts go") does not read well in any frame and yields None.
"""

from __future__ import annotations

import re
import zlib
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
    a/b-test adapt add alert allow analyze annotate anonymize answer apply approve ask assign attach audit automate
    avoid balance benchmark block brainstorm break bring buffer build call cap capture catalog catch categorize
    center chain change charge chart check choose classify clean clip cluster collect combine commit compare compile
    compress compute configure connect control convert copy count crawl create crowdsource customize cut de-identify
    debug decide declare decouple deduplicate define delete deliver deploy describe detect diagnose digitize disable
    discover distribute down-weight draft draw drive drop duplicate email embed encode encrypt end enforce engineer
    enrich estimate evaluate exchange explain explore export extend extract fail fan feed fetch fight figure fill
    filter find fine-tune fit fix flag forecast frame gate generalize generate get give govern ground group
    guarantee handle have help hide highlight hold host identify import improve index infer ingest inspect install
    interpret inventory join keep kick label land learn let limit link list load localize locate lock log look lower
    make manage map mask match maximize measure meet merge migrate minimize moderate monitor mount move normalize
    notify onboard optimize orchestrate organize outline output oversample package parse pause pay penalise penalize
    personalize pick pin pinpoint pipe plan play plot post-process predict prepare preprocess present prevent
    process produce profile project protect provision publish pull push put query queue raise rank re-rank reach
    react read reason rebalance recognize recommend record recreate redact reduce register regularize reject remove
    repeat replace replay replicate report represent reproduce request rerun resample rescale restrict resume
    retrain retrieve retry return reuse review reward right-size rightsize roll rotate route run save scale scan
    schedule score screen search secure see seed segment select send separate serialize serve set shadow share shift
    ship show shrink simulate skip sort speed spin split spot stabilize stack start steer stop store stratify stream
    structure suggest summarise summarize swap sync tag teach tell test throttle tier tokenize tolerate trace track
    trade train transcribe transfer transform translate trigger troubleshoot try tune turn understand update upload
    use validate verify version visualise visualize wait warn watch weight write
""".split()  # noqa: SIM905 - a word list reads better as text
)
# Adverbs that may open a use case before its verb ("automatically discover ...").
_ADVERBS = frozenset({"automatically", "quickly", "only", "physically", "privately", "securely", "manually", "continuously"})
# A use case with its own subject and verb ("analyst wants predictions", "model receives requests") cannot follow
# "needs": a verb among its first words, a finite verb before any relative or adverbial clause, or "I" or "we" anywhere.
_CLAUSE_VERBS = frozenset({
    "want", "wants", "need", "needs", "ask", "asks", "is", "are", "has", "have", "can", "should", "must", "receives",
    "takes", "went", "ran", "becomes", "become", "changed", "drops", "grows", "stops", "mentions", "verify", "were",
})
_FINITE = frozenset({"is", "are", "was", "were", "must", "should", "can", "cannot", "will", "would", "could", "has", "had"})
_SUBORDINATORS = frozenset({
    "that", "which", "who", "whose", "where", "when", "so", "because", "if", "before", "after", "until", "while",
    "though", "although", "whether", "once", "than",
})
_QUESTION_WORDS = frozenset({"which", "who", "what", "when", "where", "whether", "how", "why"})
_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could", "should", "would", "will", "to"})
_PREPOSITIONS = frozenset({
    "on", "with", "for", "in", "from", "to", "of", "using", "that", "without", "by", "behind", "during", "into", "across",
    "over", "under", "at", "per", "via", "as",
})
# Verb-looking openings that are really nouns ("weight decay", "spot instances").
_NOUN_OPENINGS = frozenset(
    {"weight decay", "record linkage", "spot instance", "spot instances", "output layer", "ground truth", "block storage"}
)
# Openings that learners type without the punctuation they need in a sentence.
_RESPELLED_OPENINGS = {"a b test ": "A/B-test "}
_UNCOUNTABLE = re.compile(
    r"(?:tion|sion|ing|ment|ness|ity|acy|ance|ence|ware|data|info|information|text|speech|traffic|analysis|storage|compute)$"
)
# Openings read with a consonant sound although spelled with a vowel ("a one-off", "a user"), and acronyms read as words.
_CONSONANT_SOUND = ("one", "uni", "use", "usu", "eu")
_SPOKEN_ACRONYMS = frozenset({"shap", "smote"})
# Openings that already determine their noun ("one place", "each request"): no article before them.
_DETERMINERS = frozenset({
    "a", "an", "the", "one", "two", "three", "each", "every", "some", "any", "no", "several", "many", "few", "more", "all",
    "both", "another", "this", "these", "their", "our", "my",
})
_WORD = re.compile(r"[\w][\w'.+-]*")
# Names learners type in lower case that must still be spelled with capitals.
_SHORT_NAMES = frozenset({"ml", "aws", "ai", "api", "gpu", "cpu", "sql", "pii", "ip", "id", "csv", "json", "iot", "nlp", "amazon"})
# A use case speaks for the learner ("my data"); the scenario speaks about the team.
_PRONOUNS = {
    "i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves", "our": "their", "ours": "theirs",
    "ourselves": "themselves", "we": "they", "us": "them",
}
# Use cases that are notes about the exam rather than needs.
_NOT_A_NEED = re.compile(r"\bexam\b", re.IGNORECASE)


# A need that belongs to one line of business gets an actor from it: a media company does not read physician notes.
_DOMAIN_SUBJECTS = (
    (re.compile(r"\b(?:medical|clinical|clinic|patients?|physicians?|doctors?|hospitals?|health\w*|diagnos\w*|drugs?|phi|icd\w*)\b"),
     "A healthcare analytics team"),
    (re.compile(r"\b(?:production line|factory|factories|manufactur\w*|equipment|assembly line)\b"), "A manufacturer"),
    (re.compile(r"\b(?:fraud\w*|loans?|credit|banks?|banking|transactions?|payments?|insurance|claims)\b"),
     "A financial services firm"),
    (re.compile(r"\b(?:avatars?|characters?|games?|gaming|animated)\b"), "A game studio"),
    (re.compile(r"\b(?:self-driving|autonomous|driverless)\b"), "An autonomous-driving team"),
    (re.compile(r"\b(?:shoppers?|products?|basket|checkout)\b"), "An e-commerce team"),
)


def subject_for(need: str) -> str:
    """The actor for a need: one from its line of business when it names one, else one picked by a stable hash."""
    folded = need.casefold()
    for pattern, subject in _DOMAIN_SUBJECTS:
        if pattern.search(folded):
            return subject
    return SUBJECTS[zlib.crc32(need.encode()) % len(SUBJECTS)]


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
        text = " ".join(use_case.split()).strip(",;: ").rstrip(".?!")
        for typed, written in _RESPELLED_OPENINGS.items():
            if f"{text.lower()} ".startswith(typed):
                text = written + text[len(typed):]
        words = [word for word in (token.strip(",;:") for token in text.lower().split()) if word]
        if not words or _NOT_A_NEED.search(text) or words[0] in _AUXILIARIES:
            return None
        first = words[0]
        if first in _QUESTION_WORDS:
            if len(words) > 1 and words[1] in _AUXILIARIES:
                return None
            return f"needs to find out {self.spelled(text)}"
        if first in VERBS and " ".join(words[:2]) not in _NOUN_OPENINGS and words[1:2] != ["of"]:
            return f"needs to {self.spelled(text)}"
        if first in _ADVERBS and len(words) > 1 and words[1] in VERBS:
            return f"needs to {self.spelled(text)}"
        if _is_clause(words):
            return None
        return f"needs {_article(words, self.spelled(text).split()[0])}{self.spelled(text)}"

    def scenario(self, use_case: str, subject: str) -> str | None:
        clause = self.clause(use_case)
        return f"{subject} {clause}." if clause else None


def _is_clause(words: list[str]) -> bool:
    if _CLAUSE_VERBS & set(words[1:4]) or {"i", "we"} & set(words):
        return True
    for word in words[1:]:
        if word in _SUBORDINATORS:
            return False
        if word in _FINITE:
            return True
    return False


def _article(words: list[str], written: str) -> str:
    """'a ' or 'an ' for a singular countable head noun, '' for a plural, uncountable or superlative phrase or one that
    has its article already; `written` is the first word as the scenario spells it (XGBoost: "an")."""
    if words[0] in _DETERMINERS or words[0][0].isdigit():
        return ""
    head = words[0]
    for word in words:
        if word in _PREPOSITIONS:
            break
        head = word
    if words[0] in ("best", "cheapest", "fastest", "lowest", "highest", "most", "least", "same") or words[0].endswith("est"):
        return "the "
    if (head.endswith("s") and not head.endswith(("ss", "us", "is"))) or _UNCOUNTABLE.search(head):
        return ""
    if written[:2].isupper() and words[0] not in _SPOKEN_ACRONYMS:  # said letter by letter: "an ML", "a CPU"
        return "an " if written[0] in "AEFHILMNORSX" else "a "
    return "an " if words[0][0] in "aeiou" and not words[0].startswith(_CONSONANT_SOUND) else "a "
