"""The composition root: config -> deck -> index -> bank -> store -> app, built the same way for the command line,
the console and the Discord bot. Nothing here is imported before it is needed, so `studybot ask` loads no store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.app.deck import Deck
from bot.app.library import Library, LibraryError, StudyApps, packaged_decks
from bot.config import Config
from bot.knowledge.errors import DeckError

if TYPE_CHECKING:
    from bot.quiz.clock import Clock
    from bot.store.store import Store


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def deck_folder(config: Config, override: Path | None = None) -> Path:
    """--deck beats the config's `knowledge`, which beats the decks shipped in the package. Either a deck folder or a
    folder of decks."""
    if override is not None:
        return override
    if config.knowledge is not None:
        return config.knowledge
    try:
        return packaged_decks()
    except ModuleNotFoundError:
        raise UsageError(
            "the packaged decks (bot.decks) are not installed: install studybot with pip, or name a deck folder with --deck"
        ) from None


def compiled_library(config: Config, override: Path | None = None, exam: str | None = None, *, every: bool = True) -> Library:
    """The decks served, `exam` (--exam, else the config's) first among them, each deck loaded now (from the compiled
    cache when that is current) so its problems are reported before anything else starts: every deck, or (`every`
    False, for a command about one exam) the default's alone. A deck with problems is a UsageError listing them."""
    try:
        library = Library.open(deck_folder(config, override), (exam or config.exam or "").strip().lower() or None)
        for served in library.exams if every else [library.default]:
            deck = library.deck(served)
            if deck.kb.info.id != served:
                raise UsageError(f"{deck.root}: a deck for {deck.kb.info.id} must be in a folder named {deck.kb.info.id}")
    except (DeckError, LibraryError) as error:
        raise UsageError(str(error)) from error
    return library


def compiled_deck(config: Config, override: Path | None = None, exam: str | None = None) -> Deck:
    """One exam's deck, loaded: --exam's, else the default's."""
    return compiled_library(config, override, exam, every=False).deck()


async def open_store(config: Config, db: Path | str | None = None) -> Store:
    """The store at --db, else the config's database, else the user data folder's; an unusable file is a UsageError."""
    from bot.store.errors import StoreError
    from bot.store.store import Store

    try:
        return await Store.open(config.database_target(db))
    except StoreError as error:
        raise UsageError(str(error)) from error


def study_apps(config: Config, library: Library, store: Store | None = None, clock: Clock | None = None) -> StudyApps:
    """Every exam's features over one open store (or, with no store, the knowledge features alone): the knowledge
    features with each deck's ask index, and the learning features (daily, practice, exam, stats) with every bank."""
    if store is None:
        return StudyApps.serving(library)
    from bot.app.learning import Learning
    from bot.quiz.clock import SystemClock

    daily = config.daily
    learning = Learning(library.courses(), store, clock or SystemClock(), seed=daily.seed, open_hours=daily.default_open_hours)
    return StudyApps.serving(library, learning)
