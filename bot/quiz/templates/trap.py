"""Trap -> true/false: the wrong belief (false), the truth that replaces it (true) and, where the truth tells two
entries apart, that truth with the two swapped (false), all asked the same way, so neither the form of the question nor
its length tells the answer (a belief is short, a truth long: without the swapped items, long meant true)."""

from __future__ import annotations

import re

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Entry, Trap
from bot.knowledge.questions import Option, Question
from bot.quiz.compose import build, drill_id, sentence


def _true_false(statement_is_true: bool, why_not: str) -> list[Option]:
    """The options True and False, in that order, the wrong one explained."""
    return [
        Option(text="True", correct=statement_is_true, why=None if statement_is_true else why_not),
        Option(text="False", correct=not statement_is_true, why=why_not if statement_is_true else None),
    ]


def _written(text: str, entry: Entry) -> str | None:
    """The one form (a name or alias, as written) in which `text` names `entry`; None if it names it in no form or in
    several ("Textract" and its alias "OCR" both), which a swap could not exchange cleanly."""
    matches = [match for name in entry.names for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    outer = [
        match for match in matches
        if not any(other.span() != match.span() and other.start() <= match.start() <= match.end() <= other.end() for other in matches)
    ]
    forms = {match.group() for match in outer}
    return forms.pop() if len(forms) == 1 else None


def swapped(truth: str, trap: Trap, kb: KnowledgeBase) -> str | None:
    """The truth with the two look-alikes it tells apart exchanged ("Forecast is a fully managed service ...; DeepAR is
    one SageMaker built-in algorithm ..." becomes "DeepAR is a fully managed service ...; Forecast is ..."): false, and
    as long as the truth. None unless the truth names the trap's first two look-alikes (the pair it is about), each in
    one form."""
    pair = [kb.entries[link.id] for link in trap.confusable_with[:2] if link.id in kb.entries]
    forms = [form for form in (_written(truth, entry) for entry in pair) if form]
    if len(forms) != 2 or forms[0] in forms[1] or forms[1] in forms[0]:
        return None
    first, second = forms
    pattern = re.compile(rf"(?<![\w-])(?:{re.escape(first)}|{re.escape(second)})(?![\w-])")
    return pattern.sub(lambda match: second if match.group() == first else first, truth)


def trap_questions(kb: KnowledgeBase) -> list[Question]:
    """Two or three true/false items per trap: its belief (false, because of `why`), its truth (true) and, when it
    tells two look-alikes apart, the truth with them swapped (false)."""
    questions = []
    for trap in kb.entries.values():
        if not isinstance(trap, Trap):
            continue
        explanation = f"{sentence(trap.truth)} {sentence(trap.why)}"
        belief = _true_false(False, sentence(trap.why))
        truth = _true_false(True, f"It holds. {sentence(trap.why)}")
        belief_id, truth_id = drill_id("trap", trap.id, trap.belief), drill_id("truth", trap.id, trap.belief, trap.truth)
        questions.append(build(belief_id, trap, f'True or false: "{trap.belief}"', belief, explanation))
        questions.append(build(truth_id, trap, f'True or false: "{trap.truth}"', truth, explanation))
        exchanged = swapped(trap.truth, trap, kb)
        if exchanged:
            wrong = _true_false(False, f"The two are the other way round: {sentence(trap.truth)}")
            questions.append(build(drill_id("swap", trap.id, trap.truth), trap, f'True or false: "{exchanged}"', wrong, explanation))
    return questions
