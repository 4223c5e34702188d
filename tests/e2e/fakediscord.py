"""A small fake Discord on loopback for the wire tests: REST under /api/v10 and a gateway websocket speaking the
real JSON protocol (text frames, no compression), recording every request and gateway frame it receives.

Only what `studybot run` touches is served; anything else gets a 404 and is recorded, so a test can see it. By
default there is one guild with one channel; given more guilds, each gateway connection that identifies as a shard
receives the guilds of that shard only, by Discord's rule (guild_id >> 22) % shard_count.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from aiohttp import WSMsgType, web

APP_ID = "500000000000000001"
GUILD_ID = "500000000000000002"
CHANNEL_ID = "500000000000000003"
TOKEN = "dummy-token-for-tests"
TIMESTAMP = "2026-01-01T00:00:00.000000+00:00"
# Everything a member could do in the fake guild (not Administrator).
PERMISSIONS = str((1 << 41) - 1 - 8)

BOT_USER = {
    "id": "500000000000000010", "username": "StudyBot", "discriminator": "0", "global_name": None, "avatar": None,
    "bot": True, "flags": 0, "public_flags": 0, "mfa_enabled": False, "verified": True,
}
ALICE = {
    "id": "500000000000000020", "username": "alice", "discriminator": "0", "global_name": "Alice", "avatar": None,
    "bot": False, "public_flags": 0,
}


def member(user: dict[str, Any] | None = None) -> dict[str, Any]:
    """A guild member; discord.py's parser needs `flags`."""
    data: dict[str, Any] = {"roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0, "pending": False}
    if user is not None:
        data["user"] = user
    return data


def channel(channel_id: str = CHANNEL_ID, guild_id: str = GUILD_ID) -> dict[str, Any]:
    return {
        "id": channel_id, "type": 0, "guild_id": guild_id, "name": "general", "position": 0, "permission_overwrites": [],
        "nsfw": False, "parent_id": None, "topic": None, "rate_limit_per_user": 0, "flags": 0, "last_message_id": None,
    }


def guild_create(guild_id: str = GUILD_ID, channel_id: str = CHANNEL_ID) -> dict[str, Any]:
    everyone = {
        "id": guild_id, "name": "@everyone", "permissions": PERMISSIONS, "position": 0, "color": 0, "hoist": False,
        "managed": False, "mentionable": False, "flags": 0,
    }
    return {
        "id": guild_id, "name": "Study Group", "icon": None, "owner_id": ALICE["id"], "roles": [everyone],
        "channels": [channel(channel_id, guild_id)], "members": [member(BOT_USER)], "member_count": 2, "large": False, "unavailable": False,
        "features": [], "emojis": [], "stickers": [], "threads": [], "voice_states": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [], "joined_at": TIMESTAMP,
        "premium_tier": 0, "mfa_level": 0, "verification_level": 0, "explicit_content_filter": 0,
        "default_message_notifications": 0, "nsfw_level": 0, "preferred_locale": "en-US", "system_channel_flags": 0,
        "afk_timeout": 300, "afk_channel_id": None, "system_channel_id": None, "rules_channel_id": None,
        "public_updates_channel_id": None, "max_members": 500000, "premium_subscription_count": 0, "description": None,
    }


@dataclass
class Request:
    method: str
    path: str  # after /api/v10, e.g. "/applications/1/commands"
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    response: Any = None


@dataclass
class Connection:
    """One gateway websocket, with the frames the bot sent on it."""

    path: str
    socket: web.WebSocketResponse
    received: list[dict[str, Any]] = field(default_factory=list)
    sequence: int = 0

    def ops(self, op: int) -> list[dict[str, Any]]:
        return [frame for frame in self.received if frame.get("op") == op]


class LoopbackURLs:
    """The two test-only URLs for a loopback port: REST base and gateway."""

    port: int

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"


class FakeDiscord(LoopbackURLs):
    def __init__(self, guilds: dict[str, str] | None = None) -> None:
        """`guilds`: guild id -> the id of its one text channel (default: GUILD_ID with CHANNEL_ID)."""
        self.guilds = guilds or {GUILD_ID: CHANNEL_ID}
        self.channels = {channel_id: guild_id for guild_id, channel_id in self.guilds.items()}
        self.requests: list[Request] = []
        self.connections: list[Connection] = []
        self.session_id = "fake-session-1"
        self._ids = itertools.count(600000000000000000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for connection in self.connections:
            await connection.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ what tests wait for and look at

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 45.0) -> Any:
        """The first truthy value of `predicate`, re-checked after every request or frame the bot sends. The bound is
        generous: `studybot run` loads and checks the whole deck before it connects, which takes over 10 s on a
        busy machine; a healthy run returns as soon as the predicate holds."""
        async with asyncio.timeout(timeout), self._changed:
            return await self._changed.wait_for(predicate)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def find(self, method: str, suffix: str) -> list[Request]:
        return [request for request in self.requests if request.method == method and request.path.endswith(suffix)]

    async def reply(self, interaction_id: str, *, private: bool) -> dict[str, Any]:
        """The reply to an interaction that touches the store: acknowledged first (a "thinking…", private or not),
        then a follow-up, whose body this returns."""
        [callback] = await self.wait_for(lambda: self.find("POST", f"/interactions/{interaction_id}/token-{interaction_id}/callback"))
        assert callback.query == {"with_response": "1"}
        assert callback.body["type"] == 5 and (callback.body.get("data") or {}).get("flags") == (64 if private else None)
        [follow_up] = await self.wait_for(lambda: self.find("POST", f"/webhooks/{APP_ID}/token-{interaction_id}"))
        return cast(dict[str, Any], follow_up.body)

    def ready(self) -> bool:
        """The bot identified and has synced its commands (setup_hook runs before the gateway connects)."""
        return bool(self.connections and self.connections[0].ops(2))

    @property
    def current(self) -> Connection:
        return self.connections[-1]

    # ------------------------------------------------------------------ driving the bot

    async def dispatch(self, event: str, data: dict[str, Any], connection: Connection | None = None) -> None:
        connection = connection or self.current
        connection.sequence += 1
        await connection.socket.send_str(json.dumps({"op": 0, "t": event, "s": connection.sequence, "d": data}))

    async def send_op(self, op: int, data: Any = None) -> None:
        await self.current.socket.send_str(json.dumps({"op": op, "d": data}))

    def snowflake(self) -> str:
        return str(next(self._ids))

    async def slash(self, name: str, /, **options: str) -> str:
        """Invoke a synced slash command as Alice; returns the interaction id."""
        synced = {command["name"]: command for request in self.find("PUT", "/commands") for command in request.response}
        return await self.interact(2, {
            "id": synced[name]["id"], "name": name, "type": 1,
            "options": [{"name": key, "type": 3, "value": value} for key, value in options.items()],
        })

    async def interact(self, kind: int, data: dict[str, Any], message: dict[str, Any] | None = None) -> str:
        """An interaction of Alice's in the guild's channel: a command (2), a click on a control of `message` (3) or a
        form submitted from it (5); returns the interaction id."""
        interaction_id = self.snowflake()
        await self.dispatch("INTERACTION_CREATE", {
            "id": interaction_id, "application_id": APP_ID, "type": kind, "token": f"token-{interaction_id}", "version": 1,
            "data": data, **({"message": message} if message is not None else {}),
            "guild_id": GUILD_ID, "channel_id": CHANNEL_ID, "channel": channel(),
            "member": {**member(ALICE), "permissions": PERMISSIONS}, "app_permissions": PERMISSIONS,
            "locale": "en-US", "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": GUILD_ID},
            "context": 0, "attachment_size_limit": 10 * 1024 * 1024,
        })
        return interaction_id

    async def say(self, content: str, mentions: list[dict[str, Any]]) -> str:
        """Alice posts a message in the channel; returns its id."""
        message = self._said(content, mentions)
        await self.dispatch("MESSAGE_CREATE", message)
        return message["id"]

    async def message_menu(self, name: str, content: str) -> str:
        """Alice uses a synced message menu on a message of hers holding `content` (which Discord sends with the
        interaction, Message Content intent or not); returns the interaction id."""
        synced = {command["name"]: command for request in self.find("PUT", "/commands") for command in request.response}
        target = self._said(content, [])
        return await self.interact(2, {
            "id": synced[name]["id"], "name": name, "type": 3, "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        })

    def _said(self, content: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": self.snowflake(), "channel_id": CHANNEL_ID, "guild_id": GUILD_ID, "author": ALICE, "member": member(),
            "content": content, "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [{**user, "member": member()} for user in mentions], "mention_roles": [], "attachments": [],
            "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": [],
        }

    # ------------------------------------------------------------------ REST

    async def _rest(self, http: web.Request) -> web.Response:
        body = await http.json() if http.can_read_body else None
        request = Request(http.method, "/" + http.match_info["tail"], dict(http.query), dict(http.headers), body)
        self.requests.append(request)
        status, reply = self._reply(request)
        request.response = reply
        await self._notify()
        if status == 204:
            return web.Response(status=204)
        # discord.py wants exactly this content type (aiohttp's text= would add "; charset=utf-8").
        return web.Response(status=status, body=json.dumps(reply).encode(), headers={"Content-Type": "application/json"})

    def _reply(self, request: Request) -> tuple[int, Any]:
        method, path = request.method, request.path
        # Interaction callbacks and webhooks are authorised by the token in their path, like on Discord.
        if not path.startswith(("/interactions/", "/webhooks/")) and request.headers.get("Authorization") != f"Bot {TOKEN}":
            return 401, {"message": "401: Unauthorized", "code": 0}
        if (method, path) == ("GET", "/users/@me"):
            return 200, BOT_USER
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return 200, {
                "id": APP_ID, "name": "StudyBot", "icon": None, "description": "", "bot_public": True,
                "bot_require_code_grant": False, "verify_key": "0" * 64, "flags": 0, "owner": ALICE, "team": None,
            }
        if (method, path) == ("GET", "/gateway/bot"):
            return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": {
                "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}
        if method == "PUT" and path.endswith("/commands"):
            guild = path.split("/")[4] if "/guilds/" in path else None
            return 200, [self._synced(command, guild) for command in request.body]
        if method == "POST" and path.endswith("/callback"):
            return 200, self._callback(path.split("/")[2], request.body)
        if method == "POST" and path.startswith(f"/webhooks/{APP_ID}/token-"):  # a follow-up, e.g. after a defer
            return 200, self._message(request.body, interaction=True)
        if method == "PATCH" and path.startswith(f"/webhooks/{APP_ID}/token-") and path.endswith("/messages/@original"):
            return 200, self._message(request.body, interaction=True)
        if method == "DELETE" and path.startswith(f"/webhooks/{APP_ID}/token-") and path.endswith("/messages/@original"):
            return 204, None
        if method == "POST" and path.startswith("/channels/") and path.endswith("/messages") and path.split("/")[2] in self.channels:
            return 200, self._message(request.body, channel_id=path.split("/")[2])
        return 404, {"message": "404: Not Found (not faked)", "code": 0}

    def _synced(self, command: dict[str, Any], guild: str | None) -> dict[str, Any]:
        return {
            # Discord gives a message or user menu (type 3, 2) an empty description.
            "type": 1, "description": "", "default_member_permissions": None, "nsfw": False, "options": [], **command,
            "id": self.snowflake(), "application_id": APP_ID, "version": self.snowflake(), "guild_id": guild,
        }

    def _message(self, body: dict[str, Any], interaction: bool = False, channel_id: str = CHANNEL_ID) -> dict[str, Any]:
        return {
            "id": self.snowflake(), "channel_id": channel_id, "guild_id": self.channels.get(channel_id, GUILD_ID), "author": BOT_USER,
            "content": body.get("content") or "", "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": body.get("embeds") or [], "pinned": False, "type": 20 if interaction else 19 if body.get("message_reference") else 0,
            "flags": body.get("flags") or 0, "components": body.get("components") or [],
        }

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """A callback made `with_response=1`: discord.py reads the `interaction` object (and the message made)."""
        data = body.get("data") or {}
        reply: dict[str, Any] = {"interaction": {
            "id": interaction_id, "type": 2, "response_message_loading": body["type"] == 5,
            "response_message_ephemeral": bool((data.get("flags") or 0) & 64),
        }}
        if body["type"] == 4:
            message = self._message(data, interaction=True)
            reply["interaction"]["response_message_id"] = message["id"]
            reply["resource"] = {"type": 4, "message": message}
        return reply

    # ------------------------------------------------------------------ gateway

    async def _gateway(self, http: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(http)
        connection = Connection(http.path, socket)
        self.connections.append(connection)
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for frame in socket:
            if frame.type is not WSMsgType.TEXT:
                break
            payload = json.loads(frame.data)
            connection.received.append(payload)
            await self._answer(connection, payload)
            await self._notify()
        return socket

    async def _answer(self, connection: Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        if op == 1:  # heartbeat
            await connection.socket.send_str(json.dumps({"op": 11}))
        elif op == 2:  # identify
            shard, count = payload["d"].get("shard") or [0, 1]
            guilds = {guild: channel_id for guild, channel_id in self.guilds.items() if (int(guild) >> 22) % count == shard}
            await self.dispatch("READY", {
                "v": 10, "user": BOT_USER, "guilds": [{"id": guild, "unavailable": True} for guild in guilds],
                "session_id": self.session_id, "resume_gateway_url": f"ws://127.0.0.1:{self.port}/resume", "shard": [shard, count],
                "application": {"id": APP_ID, "flags": 0}, "private_channels": [],
            }, connection)
            for guild, channel_id in guilds.items():
                await self.dispatch("GUILD_CREATE", guild_create(guild, channel_id), connection)
        elif op == 6:  # resume: replay nothing, just confirm
            connection.sequence = payload["d"]["seq"]
            await self.dispatch("RESUMED", {}, connection)
