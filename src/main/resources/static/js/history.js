// A past conversation: the turns of a thread as `thread/read {includeTurns: true}` returns them. Voice
// handoffs show as the spoken request that started (or steered) the turn. The realtime timeline
// (thread/realtime/list, spec 09) can be added here as a second view of the same thread.

import { clock, el, parseDelegation } from './dom.js';

/** @typedef {import('./types.js').Thread} Thread */
/** @typedef {import('./types.js').Turn} Turn */

/**
 * @param {HTMLElement} container
 * @param {Thread} thread
 */
export function renderHistory(container, thread) {
  if (thread.turns.length === 0) {
    container.replaceChildren(el('p', { class: 'empty' },
      'No turns yet. Agent turns appear here: type “agent: …” during a conversation, or say “ask the agent …”.'));
    return;
  }
  const list = el('ol', { class: 'history-list' });
  for (const turn of thread.turns) {
    list.append(renderTurn(turn));
  }
  container.replaceChildren(list);
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
  return el('li', { class: 'turn' },
    el('div', { class: 'turn-head' },
      el('time', { class: 'at' }, started),
      el('code', { class: 'id' }, turn.id.slice(-8)),
      el('span', { class: 'status', attrs: { 'data-status': turn.status } }, `${turn.status}${duration}`)),
    body);
}
