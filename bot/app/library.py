"""The decks the bot serves, one per exam, and the study features of each. A folder of decks (the packaged one by
default) serves every deck in it; a single deck folder (`--deck`, or the config's `knowledge`) serves that deck alone."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from bot.app.deck import Deck
from bot.knowledge.files import DECK_FILE
from bot.quiz.courses import Course, Courses, UnknownExam, find_exam

if TYPE_CHECKING:
    from bot.app.learning import Learning
    from bot.app.study import StudyApp
    from bot.knowledge.deck import DeckInfo

# The exam served to whoever names none, when it is among the decks: the one AWS offers now. Servers set up before
# keep theirs (MLS-C01, stored with their schedule), and every record keeps the exam it was made for.
DEFAULT_EXAM = "mla-c01"


def packaged_decks() -> Path:
    """The folder of decks shipped inside the package, wherever the package is installed (or checked out, when editable)."""
    return Path(str(files("bot.decks")))


class LibraryError(Exception):
    """A folder that serves no deck, or an exam it does not hold; the message says which."""


def deck_folders(folder: Path) -> list[Path]:
    """The deck folders in a folder: itself when it holds a deck.yaml, else each folder in it that does, by name. A
    folder with neither counts as a deck, so that loading it says what is missing or unreadable."""
    if _holds_deck(folder):
        return [folder]
    try:
        return sorted(child for child in folder.iterdir() if _holds_deck(child)) or [folder]
    except OSError:
        return [folder]


def _holds_deck(folder: Path) -> bool:
    try:
        return (folder / DECK_FILE).is_file()
    except OSError:  # a folder that cannot be searched: loading it says so
        return False


class Library:
    """Decks by exam id; `default` is the exam of anything that names none."""

    def __init__(self, decks: dict[str, Deck], default: str | None = None) -> None:
        if not decks:
            raise LibraryError("no decks to serve")
        try:
            chosen = find_exam(default, list(decks)) or (DEFAULT_EXAM if DEFAULT_EXAM in decks else next(iter(decks)))
        except UnknownExam as error:
            raise LibraryError(str(error)) from None
        self.decks, self.default = decks, chosen

    @classmethod
    def open(cls, folder: Path, default: str | None = None) -> Library:
        """A deck folder serves itself, named by its exam; a folder of deck folders serves each, named by its folder."""
        found = deck_folders(folder)
        if found == [folder]:
            deck = Deck(folder)
            return cls({deck.kb.info.id: deck}, default)
        return cls({deck.name: Deck(deck) for deck in found}, default)

    @property
    def exams(self) -> list[str]:
        return list(self.decks)

    def exam(self, exam: str | None = None) -> str:
        """The exam itself when served, else the default (for a record of an exam no longer served)."""
        return exam if exam is not None and exam in self.decks else self.default

    def deck(self, exam: str | None = None) -> Deck:
        return self.decks[self.exam(exam)]

    def courses(self) -> Courses:
        """What the learning services need of each deck, each loaded on first use."""
        return Courses({exam: (lambda deck=deck: Course(deck.kb, deck.bank)) for exam, deck in self.decks.items()}, self.default)


class StudyApps:
    """The study features of each exam served, each built on first use; all share one learning layer (one store), and
    each reaches the others through this, for what its own deck does not hold."""

    def __init__(self, makers: dict[str, Callable[[StudyApps], StudyApp]], default: str, learning: Learning | None = None) -> None:
        self._makers, self.default, self.learning = makers, default, learning
        self._apps: dict[str, StudyApp] = {}

    @classmethod
    def serving(cls, library: Library, learning: Learning | None = None) -> StudyApps:
        from bot.app.study import StudyApp

        def maker(deck: Deck) -> Callable[[StudyApps], StudyApp]:
            return lambda apps: StudyApp(deck.kb, learning, deck.asker(), apps=apps)

        return cls({exam: maker(deck) for exam, deck in library.decks.items()}, library.default, learning)

    @classmethod
    def of(cls, *apps: StudyApp) -> StudyApps:
        """Apps built already (the first is the default), all sharing the first one's learning layer."""
        made = cls({app.exam: (lambda _, app=app: app) for app in apps}, apps[0].exam, apps[0].learning)
        for app in apps:
            app.apps = made
        return made

    @property
    def exams(self) -> list[str]:
        return list(self._makers)

    def get(self, exam: str | None = None) -> StudyApp:
        """The exam's features; the default's for None or for an exam not served."""
        exam = exam if exam is not None and exam in self._makers else self.default
        if exam not in self._apps:
            self._apps[exam] = self._makers[exam](self)
        return self._apps[exam]

    def others(self, exam: str) -> list[StudyApp]:
        """Every other exam's features."""
        return [self.get(other) for other in self.exams if other != exam]

    def infos(self) -> list[DeckInfo]:
        """What each exam served is: its code, its status, whether AWS has retired it."""
        return [self.get(exam).kb.info for exam in self.exams]
