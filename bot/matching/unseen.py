"""A query about a question the learner did not give: "what does this test?", "is the answer B?", "explain this one".

There is nothing in it to match, and its words alone find entries about answering questions (Amazon Q, Kendra); the
honest reply is to ask for the question itself.
"""

from __future__ import annotations

from bot.matching.text import stem, terms, words

# Longer than this, a query says something of its own.
MAX_WORDS = 12
# Words that point at a question or its answer rather than at a need.
_POINTING = frozenset(
    {"this", "that", "it", "above", "these", "those", "question", "questions", "answer", "answers", "option", "options",
     "choice", "correct", "right", "wrong"}
)
# Besides stop words and single letters (option letters), the only words such a query holds.
_ABOUT = frozenset(
    stem(word)
    for word in (
        "question", "questions", "answer", "answers", "answered", "option", "options", "choice", "choices", "wrong",
        "test", "tests", "testing", "tested", "ask", "asks", "asking", "asked", "explain", "explanation", "mean", "means",
        "meaning", "above", "sure", "think", "pick", "choose", "select", "key", "hey", "hi", "bot", "studybot", "pls",
        "plz", "thanks", "idea", "clue", "hint", "trick", "solve",
    )
)


def asks_about_unseen_question(text: str) -> bool:
    """Whether `text` only points at a question that is not in it."""
    said = words(text)
    return len(said) <= MAX_WORDS and bool(_POINTING & set(said)) and all(term in _ABOUT for term in terms(text))
