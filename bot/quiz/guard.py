"""The second-right-answer guard: may this entry be offered as a WRONG option for that need?

A lexical check alone misses look-alikes that do the same job in other words (two gradient-boosting algorithms,
a managed service and the algorithm behind it), so every candidate distractor must pass all of these:
  named       the need names it, or one name contains the other (AWS Glue vs AWS Glue DataBrew);
  family      its name is part of other entries' names (Amazon SageMaker), so one of its members may answer;
  listed      one of its use cases or keywords fuzzily matches the need (see `Similarity.same_need`);
  same job    both are algorithms with a problem type in common (regression, object detection, ...), or one is
              a built-in and the other a general technique (XGBoost is gradient-boosted decision trees);
  covered     its own description already covers MAX_COVERAGE of the need's (rarity-weighted) words;
  off point   it is a look-alike of the answer whose own description touches the need, but the need shares no
              distinctive word with the line telling the two apart, so nothing in the need decides between them.
"""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Algorithm, Entry
from bot.quiz.similarity import Similarity

# Share of a need's words an entry may describe itself with and still be a safe wrong answer. On this deck the
# wrong options that were in truth right answers (Rekognition for "count vehicles in images", Managed Spot
# Training for "cheapest fault-tolerant training") covered 0.27 to 0.45 of the need, doubtful ones 0.2 to 0.25.
MAX_COVERAGE = 0.2
# A look-alike whose own description shares less than this share of the need's words cannot be taken for its answer,
# even when the line telling the two apart does not touch the need ("live captions" and Polly, text to speech).
OFF_POINT_COVERAGE = 0.05
# An entry whose name is part of more than this many other entries' names is a family (Amazon SageMaker, AWS Glue).
FAMILY_SIZE = 2


class Guard:
    """Built once per deck; `conflict` says why an entry could also answer a need, or None when it cannot."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.similarity = Similarity(kb.synonyms, kb.entries.values())
        named = [entry.id for entry in kb.entries.values() if entry.kind != "trap"]  # a trap's name cites what it contrasts
        self._families = {one for one in named if sum(self._part_of(one, other) for other in named) > FAMILY_SIZE}
        self._differences: dict[frozenset[str], list[str]] = {}
        for entry in kb.entries.values():
            for link in entry.confusable_with:
                self._differences.setdefault(frozenset({entry.id, link.id}), []).append(link.difference)

    def difference(self, one: Entry, other: Entry) -> str | None:
        """The line telling two look-alikes apart (the first entry's own link first), or None if they are not linked."""
        own = next((link.difference for link in one.confusable_with if link.id == other.id), None)
        return own or next((link.difference for link in other.confusable_with if link.id == one.id), None)

    def lookalikes(self, entry: Entry) -> list[Entry]:
        """Entries linked to `entry` as confusable, its own links first, then entries that link to it."""
        own = [self.kb.entries[link.id] for link in entry.confusable_with]
        back = [other for other in self.kb.entries.values() if any(link.id == entry.id for link in other.confusable_with)]
        return list({item.id: item for item in [*own, *back]}.values())

    def _part_of(self, part: str, whole: str) -> bool:
        """Whether a name of entry `part` appears, as whole words, inside a longer name of entry `whole`."""
        wholes = self.similarity.padded_names(whole)
        return part != whole and any(name in other and name != other for name in self.similarity.padded_names(part) for other in wholes)

    def _name_words(self, *entries: Entry) -> set[str]:
        return {word for entry in entries for name in entry.names for word in self.similarity.words(name)}

    def conflict(self, need: str, answer: Entry, other: Entry) -> str | None:
        """Why `other` might also be a right answer to `need` (whose right answer is `answer`), or None if it cannot."""
        similarity = self.similarity
        if similarity.names(need, other) or self._part_of(answer.id, other.id) or self._part_of(other.id, answer.id):
            return "named"
        if other.id in self._families:
            return "family"
        if any(similarity.same_need(need, text) for text in (*other.use_cases, *other.keywords)):
            return "listed"
        if isinstance(answer, Algorithm) and isinstance(other, Algorithm) and (
            answer.builtin != other.builtin
            or any(similarity.same_need(mine, theirs) for mine in answer.problem_types for theirs in other.problem_types)
        ):
            return "same job"
        if similarity.coverage(need, other.id) >= MAX_COVERAGE:
            return "covered"
        lines = self._differences.get(frozenset({answer.id, other.id}))
        if lines and similarity.coverage(need, other.id) > OFF_POINT_COVERAGE:
            deciding = similarity.distinctive(need) & similarity.distinctive(" ".join(lines)) - self._name_words(answer, other)
            if not deciding:
                return "off point"
        return None

