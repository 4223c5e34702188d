"""Every text a learner can type into a slash command is bounded by Discord before it reaches the bot."""

from __future__ import annotations

from typing import Any

import simcord

from bot.limits import ASK_CHARS, DISCORD_OPTION_CHARS, NAME_CHARS, REPORT_REASON_CHARS

STRING = 3
SUBCOMMAND_KINDS = (1, 2)
# The bound each free-text option is synced with; an option missing here fails the test until it is bounded.
EXPECTED = {
    "ask.query": ASK_CHARS,
    "service.name": NAME_CHARS, "algorithm.name": NAME_CHARS, "metric.name": NAME_CHARS, "concept.name": NAME_CHARS,
    "compare.a": NAME_CHARS, "compare.b": NAME_CHARS, "trap.topic": NAME_CHARS,
    "practice.domain": NAME_CHARS, "leaderboard.domain": NAME_CHARS,
    "daily setup.time": NAME_CHARS, "daily setup.timezone": NAME_CHARS,
    "report.question": NAME_CHARS, "report.reason": REPORT_REASON_CHARS,
    "daily setup.exam": NAME_CHARS, "practice.exam": NAME_CHARS, "exam start.exam": NAME_CHARS, "leaderboard.exam": NAME_CHARS,
    "stats.exam": NAME_CHARS,
}


def string_options(command: dict[str, Any], prefix: str = "") -> dict[str, int | None]:
    """Every free-text option (choices excepted) of a synced command, subcommands included, with its max_length."""
    name = f"{prefix}{command['name']}"
    found: dict[str, int | None] = {}
    for option in command.get("options", []):
        if option["type"] in SUBCOMMAND_KINDS:
            found.update(string_options(option, f"{name} "))
        elif option["type"] == STRING and not option.get("choices"):
            found[f"{name}.{option['name']}"] = option.get("max_length")
    return found


async def test_every_text_option_is_synced_with_its_limit(simcord_env: simcord.Env) -> None:
    [sync] = [request for request in simcord_env.http_requests if request.method == "PUT" and request.path.endswith("/commands")]
    synced: dict[str, int | None] = {}
    for command in sync.json:
        synced.update(string_options(command))
    assert synced == EXPECTED
    assert max(ASK_CHARS, NAME_CHARS, REPORT_REASON_CHARS) <= DISCORD_OPTION_CHARS
