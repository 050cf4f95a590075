-- Several Parley processes on one PostgreSQL: each process is an instance with a lease, and each turn names
-- the instance that runs it. At start-up and on a periodic sweep, a process interrupts only the running turns
-- whose owner's lease has expired (a crashed peer), never those of a live peer. On SQLite one process holds
-- the file (its lock file), so every running turn found at start-up is interrupted, as before.
-- V2 is taken by the realtime timeline's tables.

CREATE TABLE parley_instances (
    id          VARCHAR(64) PRIMARY KEY, -- a UUID made when the process starts
    started_at  BIGINT      NOT NULL,    -- epoch milliseconds
    lease_until BIGINT      NOT NULL     -- epoch milliseconds; renewed while the process runs
);

-- NULL for turns written before this version (start-up recovery treats them as abandoned).
ALTER TABLE parley_turns ADD COLUMN owner VARCHAR(64);
CREATE INDEX parley_turns_in_progress_owner ON parley_turns (owner) WHERE status = 'inProgress';
