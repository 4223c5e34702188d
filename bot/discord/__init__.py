"""The Discord adapter: a thin layer that turns slash commands and mentions into application-layer calls and
renders their results as embeds. No quiz, scoring or matching logic lives here."""
