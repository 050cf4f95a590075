// The live view of one realtime conversation: transcript lines that grow from deltas into final text,
// handoffs, the agent turns they start or steer (with the agent's text streaming), errors, lifecycle
// lines and, when asked, the raw upstream items.

import { clock, el, parseDelegation } from './dom.js';

/** @typedef {import('./types.js').Turn} Turn */
/** @typedef {import('./types.js').ThreadItem} ThreadItem */
/** @typedef {import('./types.js').JsonValue} JsonValue */
/** @typedef {'user' | 'assistant'} Role */

/** Oldest entries are removed beyond this, so a long session keeps the page light. */
const MAX_ENTRIES = 600;
const SPEAKERS = { user: 'You', assistant: 'Voice model' };

export class LiveView {
  /** @param {HTMLOListElement} list */
  constructor(list) {
    this.list = list;
    /** @type {Record<Role, HTMLElement | null>} the open (still growing) line of each role */
    this.open = { user: null, assistant: null };
    /** @type {Map<string, {entry: HTMLElement, body: HTMLElement, status: HTMLElement}>} */
    this.turns = new Map();
    /** @type {Map<string, HTMLElement>} agent message text elements by item id */
    this.agentMessages = new Map();
    /** @type {HTMLElement | null} a turn started by voice whose handoff item has not arrived yet */
    this.turnAwaitingHandoff = null;
    /** handoff items shown before the turn they started */
    this.handoffsAhead = 0;
  }

  clear() {
    this.list.replaceChildren();
    this.open = { user: null, assistant: null };
    this.turns.clear();
    this.agentMessages.clear();
    this.turnAwaitingHandoff = null;
    this.handoffsAhead = 0;
  }

  /** @param {HTMLElement} entry */
  add(entry) {
    const stick = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    this.list.append(entry);
    while (this.list.childElementCount > MAX_ENTRIES) {
      this.list.firstElementChild?.remove();
    }
    if (stick) {
      this.list.scrollTop = this.list.scrollHeight;
    }
    return entry;
  }

  /**
   * @param {Role} role
   * @param {string} [placeholder]
   */
  line(role, placeholder = '') {
    const existing = this.open[role];
    if (existing) {
      return existing;
    }
    const text = el('span', { class: 'text' }, placeholder);
    const entry = el('li', { class: `line ${role} partial`, attrs: { 'data-role': role } },
      el('span', { class: 'who' }, SPEAKERS[role]),
      el('time', { class: 'at' }, clock(Date.now())),
      text);
    if (placeholder) {
      entry.dataset.placeholder = 'true';
    }
    this.open[role] = entry;
    return this.add(entry);
  }

  /** @param {string} text what the user typed to the voice model */
  typed(text) {
    this.add(el('li', { class: 'line user typed final', attrs: { 'data-role': 'user' } },
      el('span', { class: 'who' }, 'You (typed)'), el('time', { class: 'at' }, clock(Date.now())),
      el('span', { class: 'text' }, text)));
  }

  /** The user started speaking: an open line that the transcript will fill. */
  speechStarted() {
    this.line('user', 'speaking…');
  }

  /**
   * @param {Role} role
   * @param {string} delta
   */
  delta(role, delta) {
    const entry = this.line(role);
    const text = /** @type {HTMLElement} */ (entry.querySelector('.text'));
    if (entry.dataset.placeholder) {
      delete entry.dataset.placeholder;
      text.textContent = '';
    }
    text.textContent += delta;
  }

  /**
   * @param {Role} role
   * @param {string} finalText
   */
  done(role, finalText) {
    const entry = this.line(role);
    delete entry.dataset.placeholder;
    /** @type {HTMLElement} */ (entry.querySelector('.text')).textContent = finalText;
    entry.classList.replace('partial', 'final');
    this.open[role] = null;
  }

  /** Closes the assistant's growing line as cut off (barge-in, cancel, close). */
  interruptAssistant() {
    const entry = this.open.assistant;
    if (entry) {
      entry.classList.replace('partial', 'interrupted');
      entry.append(el('span', { class: 'tag' }, 'interrupted'));
      this.open.assistant = null;
    }
  }

  /** Drops an open user line that never got a transcript (e.g. the conversation closed). */
  closeOpenLines() {
    this.interruptAssistant();
    const user = this.open.user;
    if (user) {
      if (user.dataset.placeholder) {
        user.remove();
      } else {
        user.classList.replace('partial', 'final');
      }
      this.open.user = null;
    }
  }

  /**
   * @param {string} text
   * @param {'info' | 'warn' | 'ok'} [tone]
   */
  event(text, tone = 'info') {
    return this.add(el('li', { class: `event ${tone}` }, el('time', { class: 'at' }, clock(Date.now())), el('span', { class: 'text' }, text)));
  }

  /** @param {string} message */
  error(message) {
    return this.add(el('li', { class: 'event error' },
      el('time', { class: 'at' }, clock(Date.now())), el('strong', {}, 'Error '), el('span', { class: 'text' }, message)));
  }

  /** @param {JsonValue} item */
  raw(item) {
    const type = item && typeof item === 'object' && !Array.isArray(item) && typeof item.type === 'string' ? item.type : 'item';
    return this.add(el('li', { class: 'raw' },
      el('span', { class: 'who' }, `itemAdded · ${type}`),
      el('code', { class: 'json' }, JSON.stringify(item))));
  }

  /** @param {{handoff_id?: JsonValue, input_transcript?: JsonValue}} item */
  handoff(item) {
    const entry = el('li', { class: 'handoff' },
      el('span', { class: 'who' }, 'Handoff → agent'),
      el('time', { class: 'at' }, clock(Date.now())),
      el('span', { class: 'text' }, String(item.input_transcript ?? '')));
    // Parley publishes the handoff after routing it, so its turn may already be shown (02 §7.11): keep
    // cause before effect on the page.
    const turn = this.turnAwaitingHandoff;
    this.turnAwaitingHandoff = null;
    if (turn && turn.isConnected) {
      turn.before(entry);
      return entry;
    }
    this.handoffsAhead++;
    return this.add(entry);
  }

  /** @param {Turn} turn */
  turnStarted(turn) {
    this.turnEntry(turn.id);
  }

  /** @param {string} turnId */
  turnEntry(turnId) {
    const known = this.turns.get(turnId);
    if (known) {
      return known;
    }
    const status = el('span', { class: 'status', attrs: { 'data-status': 'inProgress' } }, 'running');
    const body = el('div', { class: 'turn-body' });
    const entry = el('li', { class: 'turn', attrs: { 'data-turn-id': turnId } },
      el('div', { class: 'turn-head' },
        el('span', { class: 'who' }, 'Agent turn'),
        el('code', { class: 'id' }, turnId.slice(-8)),
        status),
      body);
    const record = { entry, body, status };
    this.turns.set(turnId, record);
    this.add(entry);
    return record;
  }

  /**
   * @param {string} turnId
   * @param {ThreadItem} item
   */
  itemStarted(turnId, item) {
    const turn = this.turnEntry(turnId);
    if (item.type === 'userMessage') {
      const text = item.content.map((input) => input.text).join('\n');
      const delegation = parseDelegation(text);
      const steer = turn.body.querySelector('.turn-input') !== null;
      const label = delegation ? (steer ? 'steered by voice' : 'started by voice') : (steer ? 'steered' : 'input');
      if (delegation && this.handoffsAhead > 0) {
        this.handoffsAhead--;
      } else if (delegation && !steer) {
        this.turnAwaitingHandoff = turn.entry;
      }
      turn.body.append(el('div', { class: 'turn-input' },
        el('span', { class: 'label' }, label),
        el('span', { class: 'text' }, delegation ? delegation.input : text)));
    } else {
      const text = el('span', { class: 'text' }, item.text);
      this.agentMessages.set(item.id, text);
      turn.body.append(el('div', { class: 'agent-message partial', attrs: { 'data-item-id': item.id } },
        el('span', { class: 'label' }, 'Agent'), text));
    }
  }

  /**
   * @param {string} itemId
   * @param {string} delta
   */
  agentDelta(itemId, delta) {
    const text = this.agentMessages.get(itemId);
    if (text) {
      text.textContent += delta;
    }
  }

  /** @param {ThreadItem} item */
  itemCompleted(item) {
    if (item.type !== 'agentMessage') {
      return;
    }
    const text = this.agentMessages.get(item.id);
    if (text) {
      text.textContent = item.text;
      text.parentElement?.classList.replace('partial', 'final');
    }
  }

  /** @param {Turn} turn */
  turnCompleted(turn) {
    const record = this.turnEntry(turn.id);
    record.status.dataset.status = turn.status;
    const seconds = turn.durationMs != null ? ` · ${(turn.durationMs / 1000).toFixed(1)} s` : '';
    record.status.textContent = `${turn.status}${seconds}`;
    if (turn.error) {
      record.body.append(el('div', { class: 'turn-error' }, turn.error.message));
    }
  }
}
