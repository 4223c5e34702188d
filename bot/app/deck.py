"""One deck, compiled: its validated knowledge base, the ask index and the question bank, each built once per deck
version and kept in the compiled cache (bot/cache.py), then read from there by every later process. Each part is
loaded only when first used, so `studybot ask` never pays for the drills."""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cache import CompiledCache, cache_dir, code_version
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.files import DeckFiles

if TYPE_CHECKING:
    from bot.app.ask import Asker
    from bot.knowledge.questions import Question
    from bot.matching import Matcher
    from bot.quiz.bank import QuestionBank

class Deck:
    def __init__(self, root: Path, cache: CompiledCache | None = None) -> None:
        self.root = root
        self.cache = cache or CompiledCache(cache_dir())
        # One cache slot per deck folder, so edits replace the old version's files rather than pile up beside them.
        self._slot = f"{root.name}-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}"

    @cached_property
    def files(self) -> DeckFiles:
        return DeckFiles.read(self.root)

    @cached_property
    def key(self) -> str:
        """What the cached parts must have been built from: these deck files and this code."""
        return hashlib.sha256(f"{code_version()}\0{self.files.digest()}".encode()).hexdigest()

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The validated deck; raises DeckError (a deck with problems is never cached)."""
        if not self.files.readable:
            return self._load()
        return self.cache.fetch(f"{self._slot}-kb", self.key, KnowledgeBase, self._load)

    def _load(self) -> KnowledgeBase:
        """The deck read from its YAML (the loader, and YAML with it, is imported only when there is no cached deck)."""
        from bot.knowledge.loader import load_files

        return load_files(self.files)

    @cached_property
    def matcher(self) -> Matcher:
        """The ask index."""
        from bot.matching import Matcher

        return self.cache.fetch(f"{self._slot}-index", self.key, Matcher, lambda: Matcher(self.kb))

    @cached_property
    def bank(self) -> QuestionBank:
        """The authored questions and the drills generated from the deck."""
        from bot.quiz.bank import QuestionBank

        return QuestionBank.build(self.kb, self.cache.fetch(f"{self._slot}-drills", self.key, list, self._generate))

    def _generate(self) -> list[Question]:
        from bot.quiz.generate import generate_questions

        return generate_questions(self.kb)

    def asker(self) -> Asker:
        from bot.app.ask import Asker

        return Asker(self.kb, self.matcher)
