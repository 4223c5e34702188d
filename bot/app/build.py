"""The composition root: config -> deck -> index -> bank -> store -> app, built the same way for the command line,
the console and the Discord bot. Nothing here is imported before it is needed, so `studybot ask` loads no store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.app.deck import Deck, packaged_deck
from bot.config import Config
from bot.knowledge.errors import DeckError

if TYPE_CHECKING:
    from bot.app.study import StudyApp
    from bot.quiz.clock import Clock
    from bot.store.store import Store


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def deck_folder(config: Config, override: Path | None = None) -> Path:
    """--deck beats the config's `knowledge`, which beats the deck shipped in the package."""
    if override is not None:
        return override
    if config.knowledge is not None:
        return config.knowledge
    try:
        return packaged_deck()
    except ModuleNotFoundError:
        raise UsageError(
            "the packaged deck (bot.decks) is not installed: install studybot with pip, or name a deck folder with --deck"
        ) from None


def compiled_deck(config: Config, override: Path | None = None) -> Deck:
    """The deck with its knowledge base loaded (from the compiled cache when that is current); a deck with problems
    is a UsageError listing them."""
    deck = Deck(deck_folder(config, override))
    try:
        deck.kb  # noqa: B018 -- load it now, so its problems are reported before anything else starts
    except DeckError as error:
        raise UsageError(str(error)) from error
    return deck


async def open_store(config: Config, db: Path | str | None = None) -> Store:
    """The store at --db, else the config's database, else the user data folder's; an unusable file is a UsageError."""
    from bot.store.errors import StoreError
    from bot.store.store import Store

    try:
        return await Store.open(config.database_target(db))
    except StoreError as error:
        raise UsageError(str(error)) from error


def study_app(config: Config, deck: Deck, store: Store, clock: Clock | None = None) -> StudyApp:
    """Every feature over one open store: the knowledge features with the ask index, and the learning features
    (daily, practice, exam, stats) with the question bank."""
    from bot.app.learning import Learning
    from bot.app.study import StudyApp
    from bot.quiz.clock import SystemClock

    daily = config.daily
    learning = Learning(deck.kb, store, clock or SystemClock(), seed=daily.seed, open_hours=daily.default_open_hours, bank=deck.bank)
    return StudyApp(deck.kb, learning, deck.asker())
