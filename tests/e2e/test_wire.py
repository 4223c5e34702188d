"""Layer 2: the real `studybot run` in a subprocess, against the fake Discord on loopback, over the real protocol."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cache import CACHE_ENV
from bot.discord.embeds import ASK_MENU as MENU
from bot.discord.run import TEST_API_BASE, TEST_GATEWAY, TEST_GUILD_READY_TIMEOUT
from bot.limits import ASK_CHARS
from tests.e2e.fakediscord import APP_ID, BOT_USER, TOKEN, FakeDiscord, LoopbackURLs

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {
    "ask", "help", "service", "algorithm", "metric", "concept", "compare", "trap", "practice", "stats", "leaderboard", "forgetme",
    "daily", "report", "exam", MENU,
}
# IDENTIFY's intents: GUILDS (1 << 0) and GUILD_MESSAGES (1 << 9); never MESSAGE_CONTENT (1 << 15).
INTENTS = (1 << 0) | (1 << 9)


@dataclass
class Bot:
    process: asyncio.subprocess.Process
    log: Path
    db: Path | str

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            return await self.process.wait()


@dataclass
class Unreachable(LoopbackURLs):
    """Where no Discord listens: a loopback port nothing is bound to."""

    port: int


async def start_bot(
    tmp_path: Path, fake: FakeDiscord | Unreachable | None, token: str | None = TOKEN, command: str = "run",
    deck: str | None = "mls-c01", *, db: Path | str | None = None, options: Sequence[str] = (), discord_settings: str = "",
) -> Bot:
    """`studybot run` (or another command, with `options`) serving `deck` (None: every deck shipped, as a user's bot
    does), with a temp config, database (unless `db`) and log; pointed at `fake` by the test-only variables.
    `discord_settings`: more lines for the config's discord section."""
    config = tmp_path / "config.yaml"
    knowledge = f"knowledge: {ROOT / 'knowledge' / deck}\n" if deck else ""
    config.write_text(f"{knowledge}discord:\n  ask_cooldown_seconds: 0\n{discord_settings}")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DISCORD_", "STUDYBOT_"))}
    env[CACHE_ENV] = os.environ[CACHE_ENV]  # the session's warm cache, not the user's
    if token is not None:
        env["DISCORD_TOKEN"] = token
    if fake is not None:
        env |= {TEST_API_BASE: fake.api_base, TEST_GATEWAY: fake.gateway_url, TEST_GUILD_READY_TIMEOUT: "0.1"}
    db, log = db or tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "--config", str(config), command, "--db", str(db), *options,
            cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=sink, stderr=sink,
        )
    return Bot(process, log, db)


@pytest.fixture
async def bot(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Bot]:
    """A bot that has logged in, synced its commands and received READY and its guild."""
    bot = await start_bot(tmp_path, fake)
    try:
        await fake.wait_for(fake.ready)
        yield bot
    finally:
        if bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()
        output = bot.output()
        print(output)
    # The subprocess's counterpart of the log guard: nothing the bot logged may be an error.
    assert " ERROR " not in output and "Traceback" not in output


async def test_login_identify_and_command_sync(fake: FakeDiscord, bot: Bot) -> None:
    assert [request.path for request in fake.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    assert all(request.headers["Authorization"] == f"Bot {TOKEN}" for request in fake.requests)
    [sync] = fake.find("PUT", "/commands")
    assert sync.path == "/applications/500000000000000001/commands"
    synced = {command["name"]: command for command in sync.body}
    assert set(synced) == COMMANDS
    assert all(command["description"] for command in synced.values() if command["type"] == 1)
    assert synced[MENU]["type"] == 3
    assert synced["ask"]["options"] == [
        {"type": 3, "name": "query", "description": "for example: which service turns speech into text?", "required": True,
         "min_length": 1, "max_length": ASK_CHARS}
    ]
    assert synced["service"]["options"][0]["autocomplete"] is True
    assert synced["trap"]["options"][0]["required"] is False

    identify = fake.current.ops(2)[0]["d"]
    assert identify["token"] == TOKEN and identify["intents"] == INTENTS
    assert "TEST ONLY: Discord REST API redirected" in bot.output()


async def test_a_slash_command_round_trip(fake: FakeDiscord, bot: Bot) -> None:
    interaction = await fake.slash("ask", query="which service turns speech into text?")
    data = await fake.reply(interaction, private=False)  # an answer is for the whole channel
    assert data["embeds"][0]["title"] == "Amazon Transcribe"
    assert not data.get("flags")
    assert data["allowed_mentions"] == {"parse": []}

    private = await fake.slash("help")
    data = await fake.reply(private, private=True)
    assert data["flags"] == 64 and data["embeds"][0]["title"] == "StudyBot"


async def test_a_private_reply_to_a_public_thinking_replaces_it(fake: FakeDiscord, bot: Bot) -> None:
    """A look-up that finds nothing is answered privately, though it was acknowledged in public: the "thinking…" is
    completed with a placeholder, the answer goes as a private follow-up, and the placeholder is deleted."""
    interaction = await fake.slash("service", name="XGBoost")
    data = await fake.reply(interaction, private=False)
    assert data["flags"] == 64 and data["embeds"][0]["description"].startswith("No service is called")
    original = f"/webhooks/{APP_ID}/token-{interaction}/messages/@original"
    await fake.wait_for(lambda: fake.find("DELETE", original))
    steps = [(request.method, request.path) for request in fake.requests if f"token-{interaction}" in request.path]
    assert [method for method, _ in steps] == ["POST", "PATCH", "POST", "DELETE"]


async def test_the_shipped_decks_serve_both_exams(fake: FakeDiscord, tmp_path: Path) -> None:
    bot = await start_bot(tmp_path, fake, deck=None)
    try:
        await fake.wait_for(fake.ready)
        [sync] = fake.find("PUT", "/commands")
        practice = {option["name"]: option for option in next(c for c in sync.body if c["name"] == "practice")["options"]}
        assert practice["exam"]["autocomplete"] is True
        interaction = await fake.slash("ask", query="move hundreds of terabytes to s3 when the internet link would take months")
        # A server that picked no exam studies MLA-C01, which has no Snowball.
        [embed] = (await fake.reply(interaction, private=False))["embeds"]
        assert embed["title"] == "AWS Snowball Edge"
        assert "in the MLS-C01 (retired 2026-03-31) deck, not in the MLA-C01" in embed["description"]
        assert embed["footer"]["text"].endswith("MLS-C01")
    finally:
        assert await bot.stop() == 0
    assert " ERROR " not in bot.output() and "Traceback" not in bot.output()


async def test_the_message_menu_reads_a_question_pasted_on_several_lines(fake: FakeDiscord, bot: Bot) -> None:
    pasted = (
        "A team must find the negative ones among its product reviews in Amazon S3, with no model to build or train.\n"
        "Which solution meets these requirements?\nA. Train a BlazingText classifier\nB. Detect sentiment with Amazon "
        "Comprehend\nC. Detect intents with Amazon Lex\nD. Label them in Amazon SageMaker Ground Truth"
    )
    interaction = await fake.message_menu(MENU, pasted)
    data = await fake.reply(interaction, private=False)
    assert data["embeds"][0]["title"] == "This question most likely tests: Amazon Comprehend"
    assert not data.get("flags") and data["allowed_mentions"] == {"parse": []}


async def test_a_mention_gets_a_reply(fake: FakeDiscord, bot: Bot) -> None:
    asked = await fake.say(f"<@{BOT_USER['id']}> which service for speech to text?", mentions=[BOT_USER])
    [reply] = await fake.wait_for(lambda: fake.find("POST", "/messages"))
    assert reply.body["embeds"][0]["title"] == "Amazon Transcribe"
    assert str(reply.body["message_reference"]["message_id"]) == asked
    assert reply.body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_a_mention_is_read_up_to_the_ask_limit(fake: FakeDiscord, bot: Bot) -> None:
    """Nitro members may send 4,000 characters: a question pasted after a long message is still read to its options."""
    preamble = "Our study group went through this practice set last night and argued about it for a long time. " * 36
    pasted = (
        "A team must find the negative ones among its product reviews in Amazon S3, with no model to build or train.\n"
        "Which solution meets these requirements?\nA. Train a BlazingText classifier\nB. Detect sentiment with Amazon "
        "Comprehend\nC. Detect intents with Amazon Lex\nD. Label them in Amazon SageMaker Ground Truth"
    )
    text = f"<@{BOT_USER['id']}> {preamble}\n{pasted}"
    assert 3_500 < len(text) <= ASK_CHARS
    await fake.say(text, mentions=[BOT_USER])
    [reply] = await fake.wait_for(lambda: fake.find("POST", "/messages"))
    assert "A) BlazingText" in str(reply.body["embeds"][0])


async def test_reconnect_then_resume_and_commands_still_work(fake: FakeDiscord, bot: Bot) -> None:
    first = fake.current
    await fake.send_op(7)  # RECONNECT
    resumed = await fake.wait_for(lambda: len(fake.connections) == 2 and fake.current.ops(6) and fake.current)
    assert resumed.path == "/resume"  # READY's resume_gateway_url, as Discord requires
    resume = resumed.ops(6)[0]["d"]
    assert resume["session_id"] == fake.session_id and resume["seq"] == first.sequence and resume["token"] == TOKEN
    assert not resumed.ops(2)  # resumed, not identified again

    interaction = await fake.slash("service", name="Firehose")
    assert (await fake.reply(interaction, private=False))["embeds"][0]["title"] == "Amazon Data Firehose"


async def test_sigterm_shuts_down_cleanly_with_the_database_closed(fake: FakeDiscord, bot: Bot) -> None:
    assert await bot.stop() == 0
    output = bot.output()
    assert "SIGTERM received" in output and f"database closed: {bot.db}" in output
    assert "Traceback" not in output
    assert bot.db.exists() and not Path(f"{bot.db}-wal").exists()  # the last close checkpointed the WAL


async def test_a_missing_token_is_one_line_that_points_to_the_console(tmp_path: Path) -> None:
    bot = await start_bot(tmp_path, None, token=None)
    assert await bot.process.wait() == 1
    lines = bot.output().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: DISCORD_TOKEN is not set")
    assert "studybot chat" in lines[0]


async def test_a_rejected_token_is_one_line_and_never_shown(fake: FakeDiscord, tmp_path: Path) -> None:
    secret = "not-a-real-token-0123456789"
    bot = await start_bot(tmp_path, fake, token=secret)
    async with asyncio.timeout(45):
        assert await bot.process.wait() == 1
    output = bot.output()
    assert "error: Discord rejected DISCORD_TOKEN" in output and "studybot chat" in output
    assert "Traceback" not in output and secret not in output


async def test_an_unreachable_discord_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = await start_bot(tmp_path, Unreachable(port))
    async with asyncio.timeout(45):
        assert await bot.process.wait() == 1
    output = bot.output()
    assert "error: cannot reach Discord" in output and "Traceback" not in output


async def test_sync_uploads_the_commands_and_exits_without_going_online(fake: FakeDiscord, tmp_path: Path) -> None:
    sync = await start_bot(tmp_path, fake, command="sync")
    async with asyncio.timeout(30):
        assert await sync.process.wait() == 0
    output = sync.output()
    assert f"synced {len(COMMANDS)} commands globally" in output and "Traceback" not in output and " ERROR " not in output
    [upload] = fake.find("PUT", "/commands")
    assert {command["name"] for command in upload.body} == COMMANDS
    assert fake.connections == []  # commands only: the bot never went online
    with sqlite3.connect(sync.db) as db:  # recorded, so the next `studybot run` does not upload the same commands again
        assert db.execute("SELECT scope FROM command_syncs").fetchall() == [(f"{APP_ID}:global",)]
