"""Which guilds this process serves when a bot runs as a cluster of processes, each with a range of shards.

Discord puts a guild on shard (guild_id >> 22) % shard_count, and only that shard's connection sees its events; the
daily scheduler of each process therefore handles exactly the guilds of its own shards, so two processes never
post for the same guild (and the database's unique keys would refuse the second post if they tried).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHARDS = 65_536


@dataclass(frozen=True)
class Shards:
    ids: frozenset[int]
    count: int

    @classmethod
    def everything(cls) -> Shards:
        """One process serving every guild (one connection, or discord.py's AutoShardedBot running all shards)."""
        return cls(frozenset({0}), 1)

    @classmethod
    def parse(cls, ids: str, count: int) -> Shards:
        """`ids` as "0-3", "5" or "0-1,4,6-7"; raises ValueError with a sentence for a bad range."""
        if not 1 <= count <= MAX_SHARDS:
            raise ValueError(f"the shard count must be between 1 and {MAX_SHARDS}, not {count}")
        chosen: set[int] = set()
        for part in ids.replace(" ", "").split(","):
            first, dash, last = part.partition("-")
            if not first.isdigit() or (dash and not last.isdigit()):
                raise ValueError(f"shard ids are numbers and ranges such as 0-3 or 0,2,5-7, not {ids!r}")
            low, high = int(first), int(last) if dash else int(first)
            if low > high or high >= count:
                raise ValueError(f"shard ids {part} do not fit: with {count} shards they run from 0 to {count - 1}")
            chosen.update(range(low, high + 1))
        return cls(frozenset(chosen), count)

    def owns(self, guild_id: int) -> bool:
        return (guild_id >> 22) % self.count in self.ids

    def __str__(self) -> str:
        return f"shards {','.join(map(str, sorted(self.ids)))} of {self.count}"
