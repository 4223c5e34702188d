"""The normaliser: turns chat text (mentions, emoji, typos aside) into the stemmed terms the index holds.

Queries and knowledge-base text go through the same functions, so whatever a rule does to one side it
does to the other and the two always meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Discord syntax that must never reach a reply: user/role/channel mentions, mass mentions; and emoji codes.
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>")
_EMOJI_CODE = re.compile(r"<a?:\w+:\d+>|:[a-z0-9_+-]+:", re.IGNORECASE)
# Discord pings @everyone and @here even glued to words ("a@everyonee"), so they go wherever they appear. The
# lookbehind and the possessive quantifiers try each run of @ once: the time stays linear in a run of 100,000 @.
_MASS_MENTION = re.compile(r"(?<!@)@++\s*+(?:everyone|here)", re.IGNORECASE)
_AT_NAME = re.compile(r"(?<![\w.])@[\w.-]*")
_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
# Any character but printable ASCII (less ^ and `, which are symbols): only these need their Unicode category.
_UNUSUAL = re.compile(r"[^\x20-\x5d\x5f\x61-\x7e]")
_NON_WORD = re.compile(r"[\W_]+")
# A word: letters/digits, possibly joined by - _ . ' (k-NN, scale_pos_weight, ml.c5); aws:SourceVpce is two words.
_WORD = re.compile(r"[^\W_]+(?:[-_.'][^\W_]+)*")
_JOINERS = re.compile(r"[-_.']")
_POSSESSIVE = re.compile(r"['’]s\b")
# Single letters joined by a slash are one word: "A/B testing" is about 'ab' testing, not about 'a' and 'b'.
_LETTER_PAIR = re.compile(r"\b([^\W\d_])/([^\W\d_])\b")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")

# Function words plus the filler of "which AWS service should I use for ...": they carry no meaning here.
STOP_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
        "onto", "about", "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that",
        "these", "those", "there", "here", "then", "than", "so", "such", "very", "too", "also", "just", "only", "nor",
        "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "she", "they", "them", "their",
        "his", "her", "him", "one", "ones", "do", "does", "did", "doing", "done", "can", "could", "should", "would",
        "will", "shall", "may", "might", "must", "have", "has", "had", "having", "get", "gets", "got", "what", "which",
        "who", "whom", "whose", "when", "where", "why", "how", "whats", "any", "some", "all", "each", "every", "both",
        "either", "neither", "more", "most", "much", "many", "other", "another", "same", "own", "want", "wants", "need",
        "needs", "needed", "like", "let", "lets", "please", "help", "tell", "show", "give", "know", "trying", "try",
        "use", "used", "using", "uses", "way", "ways", "thing", "things", "something", "anything", "aws", "amazon",
        "service", "services", "tool", "tools", "product", "offering", "solution", "best", "good", "right", "correct",
        "s", "t", "ll", "ve", "re", "d", "m",
    }
)


@dataclass(frozen=True)
class Cleaned:
    """A chat message with everything unsafe or meaningless removed; `text` is safe to show back."""

    text: str
    had_mention: bool
    had_symbols: bool


def clean(raw: str, *, keep_lines: bool = False) -> Cleaned:
    """Strip mentions, emoji and control characters, so the text can be matched and echoed safely; `keep_lines` keeps
    its line breaks (one per run of blank lines), which tell a pasted question's options apart.

    Compatibility forms (full-width @) and invisible characters are normalised away first, so a mass mention
    hidden behind them is still found and removed.
    """
    had_symbols = False

    def replace(match: re.Match[str]) -> str:
        nonlocal had_symbols
        char = match.group()
        if keep_lines and char in "\n\r":
            return "\n"
        category = unicodedata.category(char)
        if category[0] == "C" or category in ("So", "Sk", "Mn", "Me"):
            had_symbols = had_symbols or char not in "\t\n\r"
            return "" if category in ("Cf", "Mn", "Me") else " "
        return char

    joined = _UNUSUAL.sub(replace, unicodedata.normalize("NFKC", raw))
    text = _EMOJI_CODE.sub(" ", joined)
    had_symbols = had_symbols or text != joined
    stripped = _AT_NAME.sub(" ", _MASS_MENTION.sub(" ", _MENTION.sub(" ", text)))
    spaced = _LINE_BREAKS.sub("\n", _LINE_SPACES.sub(" ", stripped)) if keep_lines else _SPACES.sub(" ", stripped)
    return Cleaned(spaced.strip(), stripped != text, had_symbols)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer (plurals, -ing, -ed, final -e): enough for 'labels'/'labeling'/'labelled' to meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "ias")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiousz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Casefolded, accents dropped (résumé -> resume)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=256)
def _split(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Parts and compounds: a joined word (k-NN, scale_pos_weight) gives its parts in sequence and its joined
    form as a compound; an API-style CamelCase word of three or more humps (DetectModerationLabels) gives its
    humps, and itself as a compound. Two-hump brand names (SageMaker, XGBoost) stay whole, so 'maker' or
    'boost' do not leak into queries about other things."""
    parts: list[str] = []
    joined: list[str] = []
    for match in _WORD.finditer(_LETTER_PAIR.sub(r"\1\2", _POSSESSIVE.sub("", text.replace("’", "'")))):
        token = match.group()
        pieces = _JOINERS.split(token)
        for piece in pieces:
            humps = _CAMEL.findall(piece) if piece.isalpha() else []
            if len(humps) >= 3:
                parts.extend(_fold(hump) for hump in humps)
                joined.append(_fold(piece))
            else:
                parts.append(_fold(piece))
        if len(pieces) > 1:
            joined.append(_fold("".join(pieces)))
    return tuple(parts), tuple(joined)


def words(text: str) -> list[str]:
    """The folded word parts of `text`, in order (see `_split`); cached, since a query is split several ways."""
    return list(_split(text)[0])


def _content(found: Sequence[str]) -> list[str]:
    return [stem(word) for word in found if len(word) > 1 and word not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """Stemmed content words of `text`, in order: what phrases, word pairs and synonyms are read from."""
    return _content(words(text))


def compound_terms(text: str) -> list[str]:
    """Stemmed joined forms of `text` ('knn' for k-NN, 'tsne' for t-SNE), matched as extra single terms."""
    return _content(_split(text)[1])


def fold(text: str) -> str:
    """Casefolded, accents and punctuation dropped, single spaces."""
    return " ".join(_fold(_NON_WORD.sub(" ", text)).split())


def plain(text: str) -> str:
    """Folded content words joined by spaces, unstemmed: the form names are fuzzy-compared in."""
    return " ".join(word for word in fold(text).split() if len(word) > 1 and word not in STOP_WORDS)
