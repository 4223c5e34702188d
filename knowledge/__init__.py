"""The decks that ship with StudyBot, installed as the package data of `bot.decks` (one folder per exam)."""
