-- Threads, their turns and the turns' items.
-- SQLite compares text bytewise (BINARY), as in memory: thread/list orders by (created_at, id).
--
-- Positions: every thread keeps next_position, a counter that only grows. A write that adds something to a
-- thread (a turn, an item, and later the realtime timeline's entries) takes its position from it in the same
-- transaction:
--   UPDATE parley_threads SET next_position = next_position + n WHERE id = ? RETURNING next_position
-- and uses [returned - n, returned). The row lock orders concurrent writers (several processes on one
-- PostgreSQL), so positions are unique per thread and follow commit order; gaps are allowed.

CREATE TABLE parley_threads (
    id                VARCHAR(64) PRIMARY KEY,
    created_at        BIGINT  NOT NULL, -- epoch seconds
    updated_at        BIGINT  NOT NULL, -- epoch seconds
    preview           TEXT    NOT NULL,
    ephemeral         BOOLEAN NOT NULL,
    model_provider    TEXT    NOT NULL,
    model             TEXT    NOT NULL,
    base_instructions TEXT,
    cwd               TEXT    NOT NULL,
    name              TEXT,
    next_position     BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX parley_threads_newest_first ON parley_threads (created_at DESC, id DESC);

CREATE TABLE parley_turns (
    id            VARCHAR(64) PRIMARY KEY,
    thread_id     VARCHAR(64) NOT NULL REFERENCES parley_threads (id),
    position      BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL, -- inProgress | completed | interrupted | failed
    error_message TEXT,                 -- TurnError, when status is failed (or interrupted by a restart)
    error_info    VARCHAR(32),          -- CodexErrorInfo wire name
    error_details TEXT,
    started_at    BIGINT,               -- epoch seconds
    completed_at  BIGINT,               -- epoch seconds
    duration_ms   BIGINT,
    UNIQUE (thread_id, position)
);
CREATE INDEX parley_turns_in_progress ON parley_turns (thread_id) WHERE status = 'inProgress';

CREATE TABLE parley_turn_items (
    id        VARCHAR(64) PRIMARY KEY,
    thread_id VARCHAR(64) NOT NULL REFERENCES parley_threads (id),
    turn_id   VARCHAR(64) NOT NULL REFERENCES parley_turns (id),
    position  BIGINT      NOT NULL,
    type      VARCHAR(32) NOT NULL, -- userMessage | agentMessage
    client_id TEXT,                 -- userMessage: clientUserMessageId
    content   TEXT,                 -- userMessage: JSON array of UserInput, as on the wire
    text      TEXT,                 -- agentMessage: the final text ('' until completed)
    UNIQUE (thread_id, position)
);
