/**
 * The realtime timeline ({@code 09}): the durable voice history of a thread, its storage contract and the
 * {@code thread/realtime/list} query. Below {@code realtime.conversation} (which writes it) and used by
 * {@code rpc}/{@code rest} (which read it); it depends only on {@code protocol}.
 *
 * <p><b>Positions and open segments.</b> A position is assigned when an item is <i>completed</i> (appended),
 * never when a transcript segment opens. An open segment is recorded separately (its id, role and
 * {@code observedAtMs}, so a crash can still close it, {@code 09} §5) and is not part of the positional history:
 * the list never shows it, an {@code eventId} naming it is {@code pending}, and it takes its position when it
 * is sealed. So everything below {@code snapshotEnd} is complete and immutable, which is what lets a cursor pin
 * a snapshot. {@code snapshotEnd} (when not given) and {@code projectedThroughItemIndex} are both the thread's
 * next position; with a store that appends synchronously to its own index they are always equal. The price:
 * position order is completion order, so a long user utterance that began before an assistant reply but ended
 * after it has the larger position and the smaller {@code observedAtMs} — exactly where the two orders of the
 * list differ.
 */

package dev.parley.realtime.timeline;
