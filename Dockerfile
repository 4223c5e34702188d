# StudyBot: the Discord bot, with its SQLite database on the /data volume (or a PostgreSQL URL in --db or `database`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# discord.py pinned as the tests pin it (pyproject test extra): simcord checks the bot against that version.
RUN pip install . "discord.py==2.7.1" && useradd --system --create-home --uid 10001 studybot \
    && mkdir /data && chown studybot /data

USER studybot
# Build the compiled cache (checked deck, ask index, drills) of every shipped deck into the image, so every new
# container starts warm.
RUN for exam in mls-c01 mla-c01; do \
      studybot --config /dev/null quiz sample --count 1 --json --exam "$exam" > /dev/null \
      && studybot --config /dev/null ask "speech to text" --exam "$exam" > /dev/null || exit 1; \
    done
VOLUME ["/data"]
# DISCORD_TOKEN comes from the environment at run time: docker run -e DISCORD_TOKEN=... -v studybot:/data IMAGE
CMD ["studybot", "run", "--db", "/data/studybot.sqlite3"]
