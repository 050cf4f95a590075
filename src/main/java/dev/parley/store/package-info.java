/**
 * The durable store behind {@link dev.parley.thread.ThreadStore}: SQLite (default) or PostgreSQL, chosen by
 * {@code parley.store.type} ({@link dev.parley.store.StoreConfiguration}); {@code memory} is
 * {@link dev.parley.thread.InMemoryThreadStore} in {@code thread}. Services never see this package: it
 * implements interfaces declared by lower packages ({@code thread}, {@code realtime.timeline}) and depends on
 * them, {@code protocol}, {@code error} and {@code config} only.
 *
 * <ul>
 * <li>{@link dev.parley.store.StoreSchema}: Flyway migrations ({@code db/migration/common} plus
 *     {@code db/migration/sqlite} or {@code db/migration/postgresql}, history in {@code parley_schema_history}),
 *     and the read-only check that refuses a foreign store or a newer schema.</li>
 * <li>{@link dev.parley.store.SqliteStoreFile}: the SQLite file, locked for one process.</li>
 * <li>{@link dev.parley.store.StoreWriter}: the one writer thread. Request writes wait for their commit;
 *     notification-path writes are queued (bounded), batched and retried while the store is away. Other
 *     tables (the realtime timeline) write through the same writer so that one thread's writes keep one
 *     order.</li>
 * <li>{@link dev.parley.store.JdbcThreadStore}: rows of {@code parley_threads}, {@code parley_turns},
 *     {@code parley_turn_items} through {@code JdbcClient}; reads wait for the thread's queued writes.</li>
 * <li>{@link dev.parley.store.JdbcRealtimeTimelineStore}: the realtime timeline ({@code 09}) in
 *     {@code parley_realtime_items} and {@code parley_realtime_open_segments}, positions from the thread's
 *     counter, every write behind the writer.</li>
 * <li>{@link dev.parley.store.StoreInstance}: this process among several on one PostgreSQL: its lease in
 *     {@code parley_instances}, the owner of its turns, and the sweep that interrupts the turns of a process
 *     whose lease expired.</li>
 * </ul>
 */
package dev.parley.store;
