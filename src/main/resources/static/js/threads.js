// The thread list: newest first, the open thread pressed; while a conversation runs, the other threads
// are disabled (one live conversation per page).

import { clock, el } from './dom.js';

/** @typedef {import('./types.js').Thread} Thread */

/** @param {Thread} thread */
export function threadLabel(thread) {
  return thread.name || thread.preview || `Thread ${thread.id.slice(-8)}`;
}

/**
 * @param {HTMLUListElement} list
 * @param {Thread[]} threads
 * @param {string | null} selected
 * @param {boolean} locked a conversation runs on the selected thread
 * @param {(threadId: string) => void} open
 */
export function renderThreadList(list, threads, selected, locked, open) {
  threads.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  if (threads.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No threads yet.'));
    return;
  }
  list.replaceChildren(...threads.map((thread) => {
    const button = el('button', {
      class: 'thread',
      attrs: { type: 'button', 'data-thread-id': thread.id, 'aria-pressed': String(thread.id === selected) },
    },
    el('span', { class: 'name' }, threadLabel(thread)),
    el('span', { class: 'meta' },
      el('span', { class: `dot ${thread.status.type}`, attrs: { 'aria-hidden': 'true' } }),
      `${thread.status.type === 'active' ? 'turn running · ' : ''}${clock(thread.createdAt * 1000)}`));
    if (locked && thread.id !== selected) {
      button.disabled = true;
      button.title = 'Stop the conversation to switch threads';
    }
    button.addEventListener('click', () => open(thread.id));
    return el('li', {}, button);
  }));
}
