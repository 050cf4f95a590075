-- Several Parley processes on one PostgreSQL (see V3): each running realtime conversation names the instance
-- that runs it, so that start-up and the periodic sweep close (09 §5) only the conversations of a process whose
-- lease expired, never those of a live peer. A row is written with the conversation's realtimeSessionStarted
-- item and removed with its realtimeSessionClosed item, in the same transactions.
CREATE TABLE parley_realtime_running (
    thread_id           VARCHAR(64) PRIMARY KEY REFERENCES parley_threads (id),
    realtime_session_id TEXT        NOT NULL,
    owner               VARCHAR(64)             -- NULL: written before this version, abandoned by definition
);

-- conversations a store of an earlier version left open: the thread's last session item is a start
INSERT INTO parley_realtime_running (thread_id, realtime_session_id, owner)
SELECT s.thread_id, s.realtime_session_id, NULL FROM parley_realtime_items s
WHERE s.type = 'realtimeSessionStarted'
  AND s.position = (SELECT MAX(l.position) FROM parley_realtime_items l
                    WHERE l.thread_id = s.thread_id
                      AND l.type IN ('realtimeSessionStarted', 'realtimeSessionClosed'));
