// A past conversation: the turns of a thread (`thread/read {includeTurns: true}`) and its voice timeline
// (`thread/realtime/list`, spec 09), merged into one list in time order. Each voice conversation shows its
// start and end (with the outcome), its transcript frames, and every handoff routed to a turn, linked to
// that turn; the turn a handoff started is placed right after it.

import { clock, el, parseDelegation } from './dom.js';

/** @typedef {import('./types.js').Thread} Thread */
/** @typedef {import('./types.js').Turn} Turn */
/** @typedef {import('./types.js').ThreadRealtimeItem} ThreadRealtimeItem */
/** @typedef {import('./rpc.js').RpcClient} RpcClient */

/** Page size of `thread/realtime/list` (the protocol allows 1…500). */
const PAGE = 200;
/** A thread with more timeline items than this shows the newest ones only (the page stays light). */
const MAX_ITEMS = 2000;
const SPEAKERS = { user: 'You', assistant: 'Voice model' };

/**
 * Reads a thread with its turns and its whole voice timeline, paging with `nextCursor` (the cursor pins
 * the snapshot, so the pages fit together).
 * @param {RpcClient} rpc
 * @param {string} threadId
 * @returns {Promise<{thread: Thread, timeline: ThreadRealtimeItem[]}>}
 */
export async function loadHistory(rpc, threadId) {
  const read = await rpc.request('thread/read', { threadId, includeTurns: true });
  /** @type {ThreadRealtimeItem[]} */
  const timeline = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    /** @type {import('./types.js').ThreadRealtimeListResponse} */
    const page = await rpc.request('thread/realtime/list', { threadId, order: 'observedAt', limit: PAGE, cursor });
    timeline.push(...page.data.map((entry) => entry.item));
    cursor = page.nextCursor;
  } while (cursor);
  return { thread: read.thread, timeline: timeline.slice(-MAX_ITEMS) };
}

/**
 * @param {HTMLElement} container
 * @param {Thread} thread
 * @param {ThreadRealtimeItem[]} timeline in `observedAt` order
 */
export function renderHistory(container, thread, timeline) {
  if (thread.turns.length === 0 && timeline.length === 0) {
    container.replaceChildren(el('p', { class: 'empty' },
      'Nothing here yet. Voice conversations and agent turns appear here: start a conversation, type “agent: …” or say “ask the agent …”.'));
    return;
  }
  const turnIds = new Set(thread.turns.map((turn) => turn.id));
  // a turn started by a handoff follows its turnInputAccepted; the others go by their start time
  const startedByHandoff = new Set(timeline.flatMap((item) =>
    item.type === 'turnInputAccepted' && item.mode === 'start' && turnIds.has(item.turnId) ? [item.turnId] : []));
  const loose = thread.turns.filter((turn) => !startedByHandoff.has(turn.id));
  const turnsById = new Map(thread.turns.map((turn) => [turn.id, turn]));
  const list = el('ol', { class: 'history-list' });
  let next = 0;
  const flushTurnsBefore = (/** @type {number} */ atMs) => {
    while (next < loose.length && turnStartMs(loose[next]) <= atMs) {
      list.append(renderTurn(loose[next++]));
    }
  };
  for (const item of timeline) {
    flushTurnsBefore(item.observedAtMs ?? 0);
    list.append(renderItem(item, turnIds));
    if (item.type === 'turnInputAccepted' && item.mode === 'start') {
      const turn = turnsById.get(item.turnId);
      if (turn && startedByHandoff.delete(turn.id)) {
        list.append(renderTurn(turn));
      }
    }
  }
  flushTurnsBefore(Infinity);
  // a reload while a conversation runs keeps the reader's place, or follows the end when they were there
  const previous = container.dataset.threadId === thread.id ? container.querySelector('.history-list') : null;
  container.dataset.threadId = thread.id;
  const atEnd = !previous || previous.scrollHeight - previous.scrollTop - previous.clientHeight < 48;
  const scrollTop = previous ? previous.scrollTop : 0;
  container.replaceChildren(list);
  list.scrollTop = atEnd && previous ? list.scrollHeight : scrollTop;
}

/** @param {Turn} turn */
function turnStartMs(turn) {
  return turn.startedAt != null ? turn.startedAt * 1000 : 0;
}

/**
 * One timeline item: a session's start or end, a transcript frame, or a handoff linked to its turn.
 * @param {ThreadRealtimeItem} item
 * @param {Set<string>} turnIds the turns shown, which a handoff can link to
 */
function renderItem(item, turnIds) {
  const at = el('time', { class: 'at' }, item.observedAtMs != null ? clock(item.observedAtMs) : '');
  const session = el('code', { class: 'id', attrs: { title: `realtime session ${item.realtimeSessionId}` } },
    item.realtimeSessionId.slice(-8));
  const attrs = { 'data-item-id': item.id, 'data-type': item.type, 'data-session-id': item.realtimeSessionId };
  switch (item.type) {
    case 'realtimeSessionStarted':
      return el('li', { class: 'tl-session start', attrs }, at, el('span', { class: 'who' }, 'Voice conversation started'), session);
    case 'realtimeSessionClosed':
      return el('li', { class: 'tl-session end', attrs: { ...attrs, 'data-outcome': item.outcome } }, at,
        el('span', { class: 'who' }, 'Voice conversation closed'),
        el('span', { class: 'status', attrs: { 'data-status': item.outcome === 'failed' ? 'failed' : 'completed' } }, item.outcome));
    case 'frame':
    case 'transcriptSegment': {
      const { role, text } = item.type === 'frame' ? item.channels.voice_transcript : item;
      const speaker = role === 'user' ? 'user' : 'assistant';
      return el('li', { class: `tl-frame line ${speaker}`, attrs: { ...attrs, 'data-role': speaker } },
        el('span', { class: 'who' }, SPEAKERS[speaker]), at,
        text ? el('span', { class: 'text' }, text) : el('span', { class: 'text empty-text' }, '(nothing transcribed)'));
    }
    case 'turnInputAccepted': {
      const delegation = parseDelegation(item.input);
      const turn = turnIds.has(item.turnId)
        ? el('a', { class: 'turn-link', attrs: { href: `#turn-${item.turnId}` } }, `turn ${item.turnId.slice(-8)}`)
        : el('code', { class: 'id' }, `turn ${item.turnId.slice(-8)}`);
      return el('li', { class: 'tl-handoff', attrs: { ...attrs, 'data-mode': item.mode, 'data-turn-id': item.turnId } },
        el('span', { class: 'who' }, item.mode === 'start' ? 'Handoff started' : 'Handoff steered'), turn, at,
        el('span', { class: 'text' }, delegation ? delegation.input : item.input));
    }
    default:
      return el('li', { class: 'tl-session other', attrs }, at, el('span', { class: 'who' }, item.type), session);
  }
}

/** @param {Turn} turn */
function renderTurn(turn) {
  const started = turn.startedAt != null ? clock(turn.startedAt * 1000) : '';
  const duration = turn.durationMs != null ? ` · ${(turn.durationMs / 1000).toFixed(1)} s` : '';
  const body = el('div', { class: 'turn-body' });
  let inputs = 0;
  for (const item of turn.items) {
    if (item.type === 'userMessage') {
      const text = item.content.map((input) => input.text).join('\n');
      const delegation = parseDelegation(text);
      const label = delegation ? (inputs > 0 ? 'steered by voice' : 'voice handoff') : (inputs > 0 ? 'steered' : 'user');
      inputs++;
      const row = el('div', { class: 'turn-input' }, el('span', { class: 'label' }, label),
        el('span', { class: 'text' }, delegation ? delegation.input : text));
      if (delegation && delegation.transcript) {
        row.append(el('details', {}, el('summary', {}, 'voice transcript'), el('pre', {}, delegation.transcript)));
      }
      body.append(row);
    } else {
      body.append(el('div', { class: 'agent-message final' }, el('span', { class: 'label' }, 'Agent'),
        el('span', { class: 'text' }, item.text)));
    }
  }
  if (turn.error) {
    body.append(el('div', { class: 'turn-error' }, turn.error.message));
  }
  return el('li', { class: 'turn', attrs: { id: `turn-${turn.id}`, 'data-turn-id': turn.id, tabindex: '-1' } },
    el('div', { class: 'turn-head' },
      el('span', { class: 'who' }, 'Agent turn'),
      el('time', { class: 'at' }, started),
      el('code', { class: 'id' }, turn.id.slice(-8)),
      el('span', { class: 'status', attrs: { 'data-status': turn.status } }, `${turn.status}${duration}`)),
    body);
}
