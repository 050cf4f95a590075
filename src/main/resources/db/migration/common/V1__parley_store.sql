-- Parley's store (see the README, "Where data lives"). Every table is prefixed parley_ so a database can be
-- recognised as a Parley store. Migrations are never edited once released: add a new version instead.

-- One row: the writer's probe bumps heartbeat to prove the store still takes writes (readiness).
CREATE TABLE parley_store (
    id        INTEGER PRIMARY KEY,
    heartbeat BIGINT  NOT NULL
);
INSERT INTO parley_store (id, heartbeat) VALUES (1, 0);
