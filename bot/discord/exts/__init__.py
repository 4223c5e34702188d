"""The bot's cogs, one small module per area. Every module here with an async `setup(bot)` is loaded at start-up
(modules whose name starts with _ are skipped), so adding a feature means dropping a module into this folder."""
