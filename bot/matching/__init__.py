"""Matching a learner's free-text need to knowledge-base entries: pure core, no adapter imports."""

from bot.matching.matcher import Hit, Matcher

__all__ = ["Hit", "Matcher"]
