-- The realtime timeline (spec 09): the completed items of every voice conversation of a thread, append-only.
-- Positions come from parley_threads.next_position in the item's own transaction (see V1_1), so they are
-- unique per thread, follow commit order and never reach below a committed snapshot; gaps (turns and items
-- share the counter) are allowed.
CREATE TABLE parley_realtime_items (
    thread_id           VARCHAR(64) NOT NULL REFERENCES parley_threads (id),
    position            BIGINT      NOT NULL,
    id                  TEXT        NOT NULL,
    realtime_session_id TEXT        NOT NULL,
    observed_at_ms      BIGINT      NOT NULL,
    type                VARCHAR(32) NOT NULL, -- realtimeSessionStarted | frame | turnInputAccepted | realtimeSessionClosed
    item                TEXT        NOT NULL, -- the stored form, as JSON
    PRIMARY KEY (thread_id, position)
);
CREATE INDEX parley_realtime_items_observed ON parley_realtime_items (thread_id, observed_at_ms, position);
CREATE INDEX parley_realtime_items_by_id ON parley_realtime_items (thread_id, id);

-- Transcript segments that opened and are not sealed yet (their frame with empty text). A segment's row goes
-- when its frame is appended; rows left at start-up belong to a conversation the process died in.
CREATE TABLE parley_realtime_open_segments (
    thread_id VARCHAR(64) NOT NULL REFERENCES parley_threads (id),
    id        TEXT        NOT NULL,
    item      TEXT        NOT NULL,
    PRIMARY KEY (thread_id, id)
);
