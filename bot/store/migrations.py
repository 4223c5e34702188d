"""Numbered schema migrations, one list for both databases.

Each step is a pair: its SQLite script and its PostgreSQL script (one script for both when it is portable, as from
step 10), applied in order inside one transaction; never edit a released step, add a new one (to both dialects, in
the `Step` at the end of MIGRATIONS). SQLite records the number in PRAGMA user_version, PostgreSQL in the
schema_version table.

PostgreSQL support began at step 9: a new PostgreSQL database starts from POSTGRES_BASELINE (postgres_baseline.py),
the schema of SQLite after step 9 written for PostgreSQL, and steps 1 to 9 have no PostgreSQL script of their own. The dialect of that
schema, once: ids are BIGINT (Discord snowflakes), row ids identity columns, flags INTEGER 0/1 as in SQLite,
timestamps and dates fixed-width ISO text as in SQLite, so every query reads the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    sqlite: str
    postgres: str | None = None  # None for the steps POSTGRES_BASELINE already holds

    @classmethod
    def portable(cls, script: str) -> Step:
        """A step whose SQL reads the same in both dialects."""
        return cls(script, script)


MIGRATIONS: list[Step] = [
    # 1: guild settings, daily posts, daily answers, practice reviews and spaced-repetition cards.
    Step("""
    CREATE TABLE guilds (
        guild_id     INTEGER PRIMARY KEY,
        channel_id   INTEGER,
        post_time    TEXT    NOT NULL DEFAULT '09:00',
        timezone     TEXT    NOT NULL DEFAULT 'UTC',
        role_id      INTEGER,
        open_hours   INTEGER NOT NULL DEFAULT 24 CHECK (open_hours BETWEEN 1 AND 72),
        paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
    );
    CREATE TABLE users (
        user_id      INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL
    );
    CREATE TABLE daily_posts (
        post_id      INTEGER PRIMARY KEY,
        guild_id     INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
        local_date   TEXT    NOT NULL,
        question_id  TEXT    NOT NULL,
        domain       TEXT    NOT NULL,
        channel_id   INTEGER,
        message_id   INTEGER,
        posted_at    TEXT    NOT NULL,
        closes_at    TEXT    NOT NULL,
        revealed     INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
        UNIQUE (guild_id, local_date)
    );
    CREATE INDEX daily_posts_open ON daily_posts (revealed, closes_at);
    CREATE INDEX daily_posts_question ON daily_posts (guild_id, question_id);
    CREATE TABLE answers (
        post_id      INTEGER NOT NULL REFERENCES daily_posts(post_id) ON DELETE CASCADE,
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        choice       TEXT    NOT NULL,
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        points       INTEGER NOT NULL,
        streak       INTEGER NOT NULL,
        answered_at  TEXT    NOT NULL,
        PRIMARY KEY (post_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX answers_user ON answers (user_id);
    CREATE TABLE reviews (
        review_id    INTEGER PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        question_id  TEXT    NOT NULL,
        domain       TEXT    NOT NULL,
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        seconds      REAL,
        reviewed_at  TEXT    NOT NULL
    );
    CREATE INDEX reviews_user ON reviews (user_id, question_id);
    CREATE TABLE cards (
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        question_id  TEXT    NOT NULL,
        due          TEXT    NOT NULL,
        state        TEXT    NOT NULL,
        PRIMARY KEY (user_id, question_id)
    ) WITHOUT ROWID;
    CREATE INDEX cards_due ON cards (user_id, due);
    """),
    # 2: standings, kept in step with answers so leaderboards read an index instead of summing answers.
    #    period is 'all', 'week:<monday>' or 'month:<YYYY-MM>' in the guild's local dates; domain '' is all domains.
    Step("""
    CREATE TABLE standings (
        guild_id     INTEGER NOT NULL,
        period       TEXT    NOT NULL,
        domain       TEXT    NOT NULL,
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        points       INTEGER NOT NULL DEFAULT 0,
        answered     INTEGER NOT NULL DEFAULT 0,
        correct      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (guild_id, period, domain, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX standings_rank ON standings (guild_id, period, domain, points DESC);
    CREATE TABLE members (
        -- streak: right daily answers in a row as of last_post_id, the member's latest answered post
        guild_id      INTEGER NOT NULL,
        user_id       INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        streak        INTEGER NOT NULL DEFAULT 0,
        best_streak   INTEGER NOT NULL DEFAULT 0,
        last_post_id  INTEGER,
        PRIMARY KEY (guild_id, user_id)
    ) WITHOUT ROWID;
    INSERT INTO standings (guild_id, period, domain, user_id, points, answered, correct)
        SELECT guild_id, period, domain, user_id, SUM(points), COUNT(*), SUM(correct) FROM (
            SELECT p.guild_id, a.user_id, a.points, a.correct,
                   CASE s.scope
                       WHEN 'all' THEN 'all'
                       WHEN 'week' THEN 'week:' || date(p.local_date,
                           '-' || ((CAST(strftime('%w', p.local_date) AS INTEGER) + 6) % 7) || ' days')
                       ELSE 'month:' || substr(p.local_date, 1, 7)
                   END AS period,
                   CASE d.by_domain WHEN 1 THEN p.domain ELSE '' END AS domain
            FROM answers a JOIN daily_posts p USING (post_id)
            CROSS JOIN (SELECT 'all' AS scope UNION ALL SELECT 'week' UNION ALL SELECT 'month') s
            CROSS JOIN (SELECT 0 AS by_domain UNION ALL SELECT 1) d
        )
        GROUP BY guild_id, period, domain, user_id;
    INSERT INTO members (guild_id, user_id, streak, best_streak, last_post_id)
        SELECT p.guild_id, a.user_id,
               (SELECT a2.streak FROM answers a2 JOIN daily_posts p2 USING (post_id)
                WHERE a2.user_id = a.user_id AND p2.guild_id = p.guild_id ORDER BY p2.local_date DESC LIMIT 1),
               MAX(a.streak),
               (SELECT a3.post_id FROM answers a3 JOIN daily_posts p3 USING (post_id)
                WHERE a3.user_id = a.user_id AND p3.guild_id = p.guild_id ORDER BY p3.local_date DESC LIMIT 1)
        FROM answers a JOIN daily_posts p USING (post_id)
        GROUP BY p.guild_id, a.user_id;
    """),
    # 3: questions learners flag as wrong, listed for admins.
    Step("""
    CREATE TABLE reports (
        report_id    INTEGER PRIMARY KEY,
        guild_id     INTEGER,
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        question_id  TEXT    NOT NULL,
        reason       TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        resolved     INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
    );
    CREATE INDEX reports_open ON reports (guild_id, resolved, created_at);
    """),
    # 4: private practice sessions, kept in the store so a restart mid-session loses nothing.
    Step("""
    CREATE TABLE practice_sessions (
        session_id    INTEGER PRIMARY KEY,
        user_id       INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        question_ids  TEXT    NOT NULL,
        position      INTEGER NOT NULL DEFAULT 0,
        correct       INTEGER NOT NULL DEFAULT 0,
        missed        TEXT    NOT NULL DEFAULT '[]',
        started_at    TEXT    NOT NULL,
        shown_at      TEXT    NOT NULL
    );
    CREATE INDEX practice_sessions_user ON practice_sessions (user_id);
    """),
    # 5: cheaper answers. Per-domain standings are kept for all time only (weekly and monthly boards rank every
    #    domain together), and standings/members drop their foreign keys: they are derived rows that forgetting
    #    a learner deletes explicitly, and the per-row key checks cost a third of an answer's write time.
    Step("""
    DELETE FROM standings WHERE domain != '' AND period != 'all';
    CREATE TABLE standings_v5 (
        guild_id     INTEGER NOT NULL,
        period       TEXT    NOT NULL,
        domain       TEXT    NOT NULL,
        user_id      INTEGER NOT NULL,
        points       INTEGER NOT NULL DEFAULT 0,
        answered     INTEGER NOT NULL DEFAULT 0,
        correct      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (guild_id, period, domain, user_id)
    ) WITHOUT ROWID;
    INSERT INTO standings_v5 SELECT guild_id, period, domain, user_id, points, answered, correct FROM standings;
    DROP TABLE standings;
    ALTER TABLE standings_v5 RENAME TO standings;
    CREATE INDEX standings_rank ON standings (guild_id, period, domain, points DESC);
    CREATE TABLE members_v5 (
        guild_id      INTEGER NOT NULL,
        user_id       INTEGER NOT NULL,
        streak        INTEGER NOT NULL DEFAULT 0,
        best_streak   INTEGER NOT NULL DEFAULT 0,
        last_post_id  INTEGER,
        PRIMARY KEY (guild_id, user_id)
    ) WITHOUT ROWID;
    INSERT INTO members_v5 SELECT guild_id, user_id, streak, best_streak, last_post_id FROM members;
    DROP TABLE members;
    ALTER TABLE members_v5 RENAME TO members;
    """),
    # 6: how many learners hold each points total on each board, so a rank or a board's size is a sum over a few
    #    dozen buckets instead of a count over every learner.
    Step("""
    CREATE TABLE board_counts (
        guild_id  INTEGER NOT NULL,
        period    TEXT    NOT NULL,
        domain    TEXT    NOT NULL,
        points    INTEGER NOT NULL,
        users     INTEGER NOT NULL,
        PRIMARY KEY (guild_id, period, domain, points)
    ) WITHOUT ROWID;
    INSERT INTO board_counts SELECT guild_id, period, domain, points, COUNT(*) FROM standings GROUP BY guild_id, period, domain, points;
    """),
    # 7: boards get small integer ids. Standings and board_counts are keyed by board_id instead of repeating
    #    (guild, period, domain) text in every row and index entry: half the work of each answer's standings.
    Step("""
    CREATE TABLE boards (
        board_id  INTEGER PRIMARY KEY,
        guild_id  INTEGER NOT NULL,
        period    TEXT    NOT NULL,
        domain    TEXT    NOT NULL,
        UNIQUE (guild_id, period, domain)
    );
    INSERT INTO boards (guild_id, period, domain) SELECT DISTINCT guild_id, period, domain FROM standings;
    CREATE TABLE standings_v7 (
        board_id  INTEGER NOT NULL,
        user_id   INTEGER NOT NULL,
        points    INTEGER NOT NULL DEFAULT 0,
        answered  INTEGER NOT NULL DEFAULT 0,
        correct   INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (board_id, user_id)
    ) WITHOUT ROWID;
    INSERT INTO standings_v7 SELECT b.board_id, s.user_id, s.points, s.answered, s.correct
        FROM standings s JOIN boards b USING (guild_id, period, domain);
    DROP TABLE standings;
    ALTER TABLE standings_v7 RENAME TO standings;
    CREATE INDEX standings_rank ON standings (board_id, points DESC);
    CREATE TABLE board_counts_v7 (
        board_id  INTEGER NOT NULL,
        points    INTEGER NOT NULL,
        users     INTEGER NOT NULL,
        PRIMARY KEY (board_id, points)
    ) WITHOUT ROWID;
    INSERT INTO board_counts_v7 SELECT b.board_id, c.points, c.users FROM board_counts c JOIN boards b USING (guild_id, period, domain);
    DROP TABLE board_counts;
    ALTER TABLE board_counts_v7 RENAME TO board_counts;
    """),
    # 8: mock exams. One row per attempt and one per question of its paper, the question frozen as shown; at most one
    #    open exam per learner, enforced by a partial unique index.
    Step("""
    CREATE TABLE exams (
        exam_id      INTEGER PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
        deck         TEXT    NOT NULL,
        state        TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted', 'expired', 'abandoned')),
        position     INTEGER NOT NULL DEFAULT 0,
        started_at   TEXT    NOT NULL,
        deadline     TEXT    NOT NULL,
        finished_at  TEXT,
        correct      INTEGER,
        channel_id   INTEGER,
        message_id   INTEGER
    );
    CREATE UNIQUE INDEX exams_one_open ON exams (user_id) WHERE state = 'open';
    CREATE INDEX exams_user ON exams (user_id, started_at);
    CREATE INDEX exams_deadline ON exams (state, deadline);
    CREATE TABLE exam_items (
        exam_id      INTEGER NOT NULL REFERENCES exams(exam_id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        question_id  TEXT    NOT NULL,
        domain       TEXT    NOT NULL,
        question     TEXT    NOT NULL,
        choice       TEXT,
        correct      INTEGER CHECK (correct IN (0, 1)),
        flagged      INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
        PRIMARY KEY (exam_id, position)
    ) WITHOUT ROWID;
    """),
    # 9: what the Discord layer must remember across restarts. A schedule the bot paused itself says why and since
    #    when (an admin's /daily pause leaves pause_reason NULL); refused_since dates the first of a run of refused
    #    posts; each guild shows the name a member has there; the command tree last synced, per scope, as a hash.
    Step("""
    ALTER TABLE guilds ADD COLUMN pause_reason TEXT
        CHECK (pause_reason IN ('left_guild', 'channel_deleted', 'refused', 'unusable_schedule'));
    ALTER TABLE guilds ADD COLUMN paused_since TEXT;
    ALTER TABLE guilds ADD COLUMN refused_since TEXT;
    ALTER TABLE members ADD COLUMN display_name TEXT;
    CREATE INDEX daily_posts_unsent ON daily_posts (closes_at) WHERE message_id IS NULL AND revealed = 0;
    CREATE INDEX reports_user ON reports (user_id, created_at);
    CREATE TABLE command_syncs (
        scope         TEXT PRIMARY KEY,
        payload_hash  TEXT NOT NULL,
        synced_at     TEXT NOT NULL
    );
    """),
    # 10: questions kept as shown, and exams. A daily post and a practice session keep their questions frozen as shown,
    #     so a reveal or a late click is right after the deck changes; posts, sessions and guild schedules say which
    #     exam they are for (all existing ones are MLS-C01's); a board for all domains is named by its exam instead of ''.
    Step.portable("""
    ALTER TABLE daily_posts ADD COLUMN question TEXT;
    ALTER TABLE daily_posts ADD COLUMN exam TEXT NOT NULL DEFAULT 'mls-c01';
    ALTER TABLE practice_sessions ADD COLUMN questions TEXT;
    ALTER TABLE practice_sessions ADD COLUMN exam TEXT NOT NULL DEFAULT 'mls-c01';
    ALTER TABLE guilds ADD COLUMN exam TEXT NOT NULL DEFAULT 'mls-c01';
    UPDATE boards SET domain = 'mls-c01' WHERE domain = '';
    """),
]

SCHEMA_VERSION = len(MIGRATIONS)
