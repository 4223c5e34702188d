"""Layer 1: the real bot in simcord's simulated Discord, driven the way learners drive it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord
import pytest
import simcord

from bot.app.library import StudyApps
from bot.config import DiscordSettings
from bot.discord.client import create_bot
from bot.discord.embeds import ASK_MENU as MENU
from bot.discord.embeds import UNSEEN_QUESTION
from bot.discord.errors import APOLOGY
from bot.discord.exts.ask import NO_TEXT
from bot.store.store import Store
from tests.e2e.world import seen

COMMANDS = {
    "ask", "help", "service", "algorithm", "metric", "concept", "compare", "trap", "practice", "stats", "leaderboard", "forgetme",
    "report", "exam start", "exam history", "exam abandon",  # and /daily, which Discord shows only to members with Manage Server
}
DEV_GUILD = 987654321098765432


@dataclass
class World:
    env: simcord.Env
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor

    @property
    def bot_mention(self) -> str:
        assert self.env.bot.user
        return self.env.bot.user.mention

    def embed(self, result: simcord.InteractionResult) -> discord.Embed:
        reply = seen(result)
        assert len(reply.embeds) == 1
        return reply.embeds[0]


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    guild = simcord_env.create_guild("Study Group")
    return World(simcord_env, guild, guild.create_text_channel("general"), guild.add_member(simcord_env.create_user("alice")))


def last_bot_message(channel: simcord.ChannelHandle) -> discord.Message:
    message = channel.last_message
    assert message is not None and message.author.bot
    return message


# ---------------------------------------------------------------- start-up


async def test_commands_are_synced_globally_with_no_privileged_intent(world: World) -> None:
    assert set(world.alice.available_commands(world.channel)) == COMMANDS
    syncs = [request for request in world.env.http_requests if request.method == "PUT"]
    assert [request.path.endswith("/commands") and "/guilds/" not in request.path for request in syncs] == [True]
    assert {"name": MENU, "type": discord.AppCommandType.message.value}.items() <= next(
        command for command in syncs[0].json if command["name"] == MENU
    ).items()
    assert not world.env.bot.intents.message_content and not world.env.bot.intents.members


async def test_dev_guilds_get_the_commands_instantly(study_app: StudyApps, store: Store) -> None:
    env = simcord.Env(create_bot(study_app, store, DiscordSettings(dev_guild_ids=[DEV_GUILD])))
    guild = env.create_guild(id=DEV_GUILD)
    await env.start()
    try:
        channel = guild.create_text_channel("dev")
        alice = guild.add_member(env.create_user("alice"))
        syncs = [request.path for request in env.http_requests if request.method == "PUT"]
        assert len(syncs) == 1 and syncs[0].endswith(f"/guilds/{DEV_GUILD}/commands")
        assert set(alice.available_commands(channel)) == COMMANDS
        assert seen(await alice.slash(channel, "help")).ephemeral
    finally:
        await env.shutdown()
    env.raise_errors()


@pytest.mark.parametrize("settings", [DiscordSettings(auto_shard=True)], indirect=True)
@pytest.mark.simcord(shard_count=2)
async def test_auto_shard_is_a_config_change(world: World) -> None:
    assert isinstance(world.env.bot, discord.AutoShardedClient)
    assert world.embed(await world.alice.slash(world.channel, "help")).title == "StudyBot"


async def test_commands_work_after_a_restart_that_does_not_sync_them_again(
    world: World, study_app: StudyApps, store: Store, settings: DiscordSettings
) -> None:
    before = len(world.env.http_requests)
    await world.env.restart_bot(create_bot(study_app, store, settings))
    assert not [request for request in world.env.http_requests[before:] if request.method == "PUT"]  # the same commands
    result = await world.alice.slash(world.channel, "service", name="Firehose")
    assert world.embed(result).title == "Amazon Data Firehose"


async def test_a_forced_sync_uploads_unchanged_commands(
    world: World, study_app: StudyApps, store: Store, settings: DiscordSettings
) -> None:
    before = len(world.env.http_requests)
    await world.env.restart_bot(create_bot(study_app, store, settings, force_sync=True))  # as `studybot sync` does
    assert len([request for request in world.env.http_requests[before:] if request.method == "PUT"]) == 1


async def test_a_changed_command_tree_is_synced_at_the_next_start(
    world: World, study_app: StudyApps, store: Store, settings: DiscordSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.quiz.practice.MAX_COUNT", 25)  # a new version allows longer practice sessions
    before = len(world.env.http_requests)
    await world.env.restart_bot(create_bot(study_app, store, settings))
    [sync] = [request for request in world.env.http_requests[before:] if request.method == "PUT"]
    [practice] = [command for command in sync.json if command["name"] == "practice"]
    assert {option["name"]: option.get("max_value") for option in practice["options"]}["count"] == 25


# ---------------------------------------------------------------- /help


async def test_help_lists_every_command_privately(world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert seen(result).ephemeral
    description = world.embed(result).description or ""
    for usage in ("/ask query", "/service name", "/compare a b", "/trap [topic]", "/help"):
        assert f"`{usage}` — " in description
    assert "mention me" in description
    assert f"*Apps → {MENU}*" in description


# ---------------------------------------------------------------- /ask and mentions


async def test_ask_answers_for_the_whole_channel(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", query="which service turns speech into text?")
    assert not seen(result).ephemeral
    embed = world.embed(result)
    assert embed.title == "Amazon Transcribe"
    assert embed.url and embed.url.startswith("https://docs.aws.amazon.com/")
    assert "Key facts" in [field.name for field in embed.fields]


async def test_ask_offers_did_you_mean_privately(world: World) -> None:
    result = await world.alice.slash(world.channel, "ask", query="frobnicate the data")
    assert seen(result).ephemeral
    assert result.response is None  # it was acknowledged in public, and that "thinking…" is gone
    assert last_bot_message_or_none(world.channel) is None
    embed = world.embed(result)
    assert embed.title == "I'm not sure what fits"
    assert "Did you mean: **" in (embed.description or "")


@pytest.mark.parametrize(
    ("query", "says"),
    [("   ", "Ask me about a need"), ("@everyone", "You only mentioned someone"), ("🙂🙂", "I can only read words")],
)
async def test_ask_explains_bad_input_privately_and_never_pings(world: World, query: str, says: str) -> None:
    result = await world.alice.slash(world.channel, "ask", query=query)
    assert seen(result).ephemeral
    assert says in (world.embed(result).description or "")
    assert "@everyone" not in str(world.env.http_requests[-1].json)


async def test_a_mention_is_answered_with_a_reply(world: World) -> None:
    asked = await world.alice.send(world.channel, f"{world.bot_mention} which service for speech to text?")
    reply = last_bot_message(world.channel)
    assert reply.reference and reply.reference.message_id == asked.id
    assert reply.embeds[0].title == "Amazon Transcribe"
    sent = world.env.http_requests[-1].json
    assert sent["allowed_mentions"]["parse"] == []
    assert sent["message_reference"]["fail_if_not_exists"] is False  # a question deleted meanwhile still gets its answer


async def test_a_mention_with_only_a_mass_mention_pings_no_one(world: World) -> None:
    await world.alice.send(world.channel, f"{world.bot_mention} @everyone @here")
    reply = last_bot_message(world.channel)
    assert not reply.mention_everyone and not reply.mentions
    assert "You only mentioned someone" in (reply.embeds[0].description or "")


async def test_messages_that_do_not_mention_the_bot_are_left_alone(world: World) -> None:
    await world.alice.send(world.channel, "which service for speech to text?")
    assert not last_bot_message_or_none(world.channel)


PASTED = """A retailer keeps its product reviews in Amazon S3 and must find the negative ones without building or training
a model. Which solution meets these requirements?
A. Train a BlazingText text classifier on labelled reviews
B. Use Amazon Comprehend to detect the sentiment of each review
C. Use Amazon Lex to detect the intent of each review
D. Label the reviews with Amazon SageMaker Ground Truth"""


async def test_the_message_menu_tells_the_channel_what_a_pasted_question_tests(world: World) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    pasted = await world.alice.send(world.channel, f"@everyone is this one Lex? {PASTED}")
    result = await bob.context_menu(world.channel, MENU, pasted)
    assert not seen(result).ephemeral
    embed = world.embed(result)
    assert embed.title == "This question most likely tests: Amazon Comprehend"
    assert "A) BlazingText" in str(embed.to_dict())  # its options were read as options
    sent = str(world.env.http_requests[-1].json)
    assert "@everyone" not in sent and "is this one Lex" not in sent  # someone else's words are not repeated


async def test_a_mention_with_a_pasted_question_is_told_what_it_tests(world: World) -> None:
    asked = await world.alice.send(world.channel, f"{world.bot_mention} @everyone what is this about?\n{PASTED}")
    reply = last_bot_message(world.channel)
    assert reply.reference and reply.reference.message_id == asked.id
    assert reply.embeds[0].title == "This question most likely tests: Amazon Comprehend"
    assert "A) BlazingText" in str(reply.embeds[0].to_dict())  # its options, on their own lines, were read as options
    assert not reply.mention_everyone and "@everyone" not in str(world.env.http_requests[-1].json)


async def test_the_message_menu_answers_privately_when_there_is_no_text(world: World) -> None:
    await world.alice.send(world.channel, f"{world.bot_mention} which service for speech to text?")
    reply = last_bot_message(world.channel)  # an embed with no text of its own
    result = await world.alice.context_menu(world.channel, MENU, reply)
    assert result.ephemeral and result.response
    assert result.response.content == NO_TEXT


async def test_the_message_menu_shares_the_ask_cooldown(world: World) -> None:
    pasted = await world.alice.send(world.channel, PASTED)
    await world.alice.slash(world.channel, "ask", query="speech to text")
    refused = await world.alice.context_menu(world.channel, MENU, pasted)
    assert refused.ephemeral and refused.response
    assert refused.response.content == "One question at a time: try again in 30s."
    await world.env.advance_time(30)
    assert not seen(await world.alice.context_menu(world.channel, MENU, pasted)).ephemeral


async def test_asking_about_a_question_not_given_points_to_the_menu(world: World) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    pasted = await world.alice.send(world.channel, PASTED)
    await bob.send(world.channel, f"{world.bot_mention} what does this test?", reply_to=pasted)
    assert last_bot_message(world.channel).embeds[0].description == UNSEEN_QUESTION
    await world.env.advance_time(30)
    result = await bob.slash(world.channel, "ask", query="is the answer B?")
    assert seen(result).ephemeral and world.embed(result).description == UNSEEN_QUESTION


def last_bot_message_or_none(channel: simcord.ChannelHandle) -> discord.Message | None:
    return next((message for message in reversed(channel.history()) if message.author.bot), None)


async def test_the_ask_cooldown_is_friendly_and_shared_by_slash_and_mention(world: World) -> None:
    await world.alice.slash(world.channel, "ask", query="speech to text")
    refused = await world.alice.slash(world.channel, "ask", query="text to speech")
    assert refused.ephemeral and refused.response
    assert refused.response.content == "One question at a time: try again in 30s."
    assert [type(error) for error in world.env.errors] == [discord.app_commands.CommandOnCooldown]

    await world.env.advance_time(10)
    await world.alice.send(world.channel, f"{world.bot_mention} text to speech")
    assert last_bot_message(world.channel).content == "One question at a time: try again in 20s."

    await world.env.advance_time(20)
    assert world.embed(await world.alice.slash(world.channel, "ask", query="text to speech")).title == "Amazon Polly"


async def test_the_cooldown_is_per_learner(world: World) -> None:
    bob = world.guild.add_member(world.env.create_user("bob"))
    await world.alice.slash(world.channel, "ask", query="speech to text")
    assert not seen(await bob.slash(world.channel, "ask", query="speech to text")).ephemeral


# ---------------------------------------------------------------- look-ups


async def test_lookups_show_cards_publicly(world: World) -> None:
    for command, name, title in [
        ("service", "firehose", "Amazon Data Firehose"),
        ("algorithm", "XGBoost", "XGBoost"),
        ("metric", "F1", "F1 score"),
    ]:
        result = await world.alice.slash(world.channel, command, name=name)
        assert not seen(result).ephemeral
        assert world.embed(result).title == title


async def test_a_lookup_of_the_wrong_kind_suggests_privately(world: World) -> None:
    result = await world.alice.slash(world.channel, "service", name="XGBoost")
    assert seen(result).ephemeral
    assert (world.embed(result).description or "").startswith("No service is called “XGBoost”.\nDid you mean: **")


async def test_autocomplete_offers_fuzzy_names_of_the_right_kind(world: World) -> None:
    choices = await world.alice.autocomplete(world.channel, "service", "name", "firehos")
    assert choices[0]["name"] == "Amazon Data Firehose"
    assert len(choices) <= 25
    browse = await world.alice.autocomplete(world.channel, "algorithm", "name", "")
    names = [choice["name"] for choice in browse]
    assert len(names) == 25 and names == sorted(names)
    assert "XGBoost" in [choice["name"] for choice in await world.alice.autocomplete(world.channel, "algorithm", "name", "xgbost")]
    assert all(
        choice["name"] != "Amazon Data Firehose" for choice in await world.alice.autocomplete(world.channel, "metric", "name", "firehose")
    )


async def test_compare_shows_the_difference(world: World) -> None:
    result = await world.alice.slash(world.channel, "compare", a="Kinesis Data Streams", b="firehose")
    assert not seen(result).ephemeral
    embed = world.embed(result)
    assert embed.title == "Amazon Kinesis Data Streams vs Amazon Data Firehose"
    assert (embed.description or "").startswith("**The difference**\n• ")
    choices = await world.alice.autocomplete(world.channel, "compare", "b", "firehos", a="Kinesis Data Streams")
    assert choices[0]["name"] == "Amazon Data Firehose"


async def test_compare_of_one_thing_with_itself_is_refused_privately(world: World) -> None:
    result = await world.alice.slash(world.channel, "compare", a="kinesis", b="kinesis")
    assert seen(result).ephemeral
    assert "name two different things" in (world.embed(result).description or "")


async def test_trap_by_topic_or_at_random(world: World) -> None:
    matched = world.embed(await world.alice.slash(world.channel, "trap", topic="imbalanced data"))
    assert matched.title == "Trap: higher accuracy always means a better model"
    assert [field.name for field in matched.fields][:3] == ["Belief", "Truth", "Why"]
    random_one = world.embed(await world.alice.slash(world.channel, "trap"))
    assert (random_one.title or "").startswith("Trap:") and "at random" not in (random_one.description or "")
    fallback = world.embed(await world.alice.slash(world.channel, "trap", topic="bananas"))
    assert "No trap fits that topic, so here is one at random." in (fallback.description or "")


async def test_long_cards_continue_into_more_fields_instead_of_dropping_content(world: World) -> None:
    kb = world.env.bot.apps.get().kb  # type: ignore[attr-defined]
    for name in ("Amazon Comprehend", "Amazon SageMaker Ground Truth"):
        entry = kb.find(name)
        embed = world.embed(await world.alice.slash(world.channel, "service", name=name))
        shown = "\n".join(field.value or "" for field in embed.fields)
        for fact in entry.facts:
            assert fact in shown, fact
        for look in entry.confusable_with:
            assert f"**{kb.entries[look.id].name}**" in shown, look.id
        assert [field.name for field in embed.fields].count("Key facts") == 1


# ---------------------------------------------------------------- errors from Discord


async def test_a_channel_where_the_bot_may_not_speak_gets_no_attempt_at_all(world: World) -> None:
    me = world.guild.me
    assert me is not None
    quiet = world.guild.create_text_channel("quiet", overwrites={me: discord.PermissionOverwrite(send_messages=False)})
    before = len(world.env.http_requests)
    await world.alice.send(quiet, f"{world.bot_mention} which service for speech to text?")
    assert world.env.http_requests[before:] == []  # no refused request: they count toward Discord's invalid-request limit
    assert world.env.errors == [] and not last_bot_message_or_none(quiet)
    await world.alice.send(world.channel, f"{world.bot_mention} which service for speech to text?")  # no cooldown spent
    assert last_bot_message(world.channel).embeds[0].title == "Amazon Transcribe"


async def test_a_server_error_on_a_reply_gets_an_apology_and_the_bot_carries_on(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world.env.inject_error("POST", "/interactions/*/callback", status=500)
    result = await world.alice.slash(world.channel, "ask", query="speech to text")
    assert result.ephemeral and result.response and result.response.content == APOLOGY
    assert [server_error(error) for error in world.env.errors] == [500]
    assert any(record.levelno == logging.ERROR and "/ask failed for user" in record.message for record in caplog.records)
    assert "Traceback" not in result.response.content

    world.env.inject_error("POST", "/channels/*/messages", status=500)
    await world.env.advance_time(30)
    await world.alice.send(world.channel, f"{world.bot_mention} which service for speech to text?")
    assert last_bot_message(world.channel).content == APOLOGY
    assert [server_error(error) for error in world.env.errors[1:]] == [500]
    assert world.embed(await world.alice.slash(world.channel, "help")).title == "StudyBot"


def server_error(error: BaseException) -> int | None:
    """The HTTP status behind an error (simcord raises HTTPException for an injected 500, unwrapped or in a command)."""
    cause = error.__cause__ or error
    return cause.status if isinstance(cause, discord.HTTPException) else None


def test_the_log_guard_catches_errors_that_discord_py_only_logs(logged_errors: logging.Handler) -> None:
    logging.getLogger("discord.ui.view").error("Ignoring exception in view")
    assert [record.getMessage() for record in logged_errors.records] == ["Ignoring exception in view"]  # type: ignore[attr-defined]
    logged_errors.records.clear()  # type: ignore[attr-defined]
