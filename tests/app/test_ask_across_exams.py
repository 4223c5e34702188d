"""`ask` from one exam finds what only the other exam's deck holds: when its own deck has nothing that fits, and when
the other deck's entry fits far better than its own best, never for a need both decks answer alike."""

from __future__ import annotations

import pytest

from bot.app.ask import Answer, Asker
from bot.app.deck import Deck
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.knowledge.base import KnowledgeBase


@pytest.fixture(scope="module")
def apps(deck: KnowledgeBase, shipped_asker: Asker, shipped_mla: Deck) -> StudyApps:
    """MLA-C01 first (the default), as the shipped decks are served."""
    return StudyApps.of(StudyApp(shipped_mla.kb, asker=shipped_mla.asker()), StudyApp(deck, asker=shipped_asker))


def answer(apps: StudyApps, exam: str, query: str) -> tuple[str, list[str]]:
    result = apps.get(exam).ask(query)
    assert isinstance(result.outcome, Answer), result.outcome
    return result.outcome.card.id, result.notes


def test_an_entry_only_the_other_deck_holds_wins_when_it_fits_far_better(apps: StudyApps) -> None:
    found, notes = answer(apps, "mla-c01", "move hundreds of terabytes to s3 when the internet link would take months")
    assert found == "snowball-edge"
    assert notes[-1] == "AWS Snowball Edge is in the MLS-C01 (retired 2026-03-31) deck, not in the MLA-C01 deck."


def test_a_need_the_deck_answers_itself_stays_with_it(apps: StudyApps) -> None:
    assert answer(apps, "mla-c01", "which service turns speech into text") == ("transcribe", [])
    found, notes = answer(apps, "mls-c01", "orchestrate release stages for code changes with a pipeline")
    assert found == "codepipeline" and "in the MLA-C01 deck, not in the MLS-C01 (retired 2026-03-31) deck" in notes[-1]
