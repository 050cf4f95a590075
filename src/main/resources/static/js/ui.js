// The console's elements, looked up once and typed; the page fails loudly if the markup lacks one.

import { byId, el } from './dom.js';

export const ui = {
  connState: byId('conn-state', HTMLElement),
  serverInfo: byId('server-info', HTMLElement),
  connectForm: byId('connect-form', HTMLFormElement),
  token: byId('token', HTMLInputElement),
  connectionPanel: byId('connection-panel', HTMLDetailsElement),
  newThreadForm: byId('new-thread-form', HTMLFormElement),
  threadName: byId('thread-name', HTMLInputElement),
  newThread: byId('new-thread', HTMLButtonElement),
  refreshThreads: byId('refresh-threads', HTMLButtonElement),
  threadList: byId('thread-list', HTMLUListElement),
  threadTitle: byId('thread-title', HTMLElement),
  startForm: byId('start-form', HTMLFormElement),
  version: byId('version', HTMLSelectElement),
  voice: byId('voice', HTMLSelectElement),
  modality: byId('modality', HTMLSelectElement),
  prompt: byId('prompt', HTMLTextAreaElement),
  start: byId('start', HTMLButtonElement),
  stop: byId('stop', HTMLButtonElement),
  rtState: byId('rt-state', HTMLElement),
  closedReason: byId('closed-reason', HTMLElement),
  micLevel: byId('mic-level', HTMLMeterElement),
  micDb: byId('mic-db', HTMLElement),
  mute: byId('mute', HTMLButtonElement),
  counters: {
    sent: byId('count-sent', HTMLElement),
    dropped: byId('count-dropped', HTMLElement),
    received: byId('count-received', HTMLElement),
    played: byId('count-played', HTMLElement),
    cut: byId('count-cut', HTMLElement),
    bargeIns: byId('count-barge-ins', HTMLElement),
    latency: byId('latency', HTMLElement),
  },
  transcript: byId('transcript', HTMLOListElement),
  showRaw: byId('show-raw', HTMLInputElement),
  clearLive: byId('clear-live', HTMLButtonElement),
  textForm: byId('text-form', HTMLFormElement),
  textInput: byId('text-input', HTMLInputElement),
  speechForm: byId('speech-form', HTMLFormElement),
  speechInput: byId('speech-input', HTMLInputElement),
  history: byId('history', HTMLElement),
  historyTitle: byId('history-title', HTMLElement),
  reloadHistory: byId('reload-history', HTMLButtonElement),
  alerts: byId('alerts', HTMLElement),
};

/** @param {string} message */
export function alertUser(message) {
  const note = el('p', { class: 'alert' }, message,
    el('button', { class: 'ghost', attrs: { type: 'button', 'aria-label': 'Dismiss' } }, '×'));
  note.querySelector('button')?.addEventListener('click', () => note.remove());
  ui.alerts.append(note);
  while (ui.alerts.childElementCount > 3) {
    ui.alerts.firstElementChild?.remove();
  }
  setTimeout(() => note.remove(), 8000);
}

/**
 * Brings every control, pill, meter and counter in line with the page's state.
 * @param {{connected: boolean, selected: string | null, lastClosedReason: string | null,
 *          conversation: {state: 'idle' | 'connecting' | 'running' | 'closing', version: string | null} | null}} state
 * @param {import('./voice.js').VoiceAudio} voice
 */
export function renderControls(state, voice) {
  const conversation = state.conversation;
  const rtState = conversation ? conversation.state : 'idle';
  ui.rtState.dataset.state = rtState;
  ui.rtState.textContent = {
    idle: 'Idle', connecting: 'Connecting…', running: `Live · ${conversation?.version ?? ''}`, closing: 'Closing…',
  }[rtState];
  ui.closedReason.textContent = state.lastClosedReason ?? '';
  ui.closedReason.hidden = state.lastClosedReason === null || rtState !== 'idle';
  const live = rtState === 'running';
  ui.start.disabled = !state.connected || rtState !== 'idle';
  ui.stop.disabled = !state.connected || rtState === 'idle';
  for (const control of [ui.version, ui.voice, ui.modality, ui.prompt]) {
    control.disabled = rtState !== 'idle';
  }
  for (const control of [...ui.textForm.elements, ...ui.speechForm.elements]) {
    /** @type {HTMLInputElement | HTMLButtonElement} */ (control).disabled = !live;
  }
  ui.newThread.disabled = !state.connected;
  ui.refreshThreads.disabled = !state.connected;
  ui.reloadHistory.disabled = !state.connected || state.selected === null;

  const db = voice.micRms > 0 ? Math.max(-60, 20 * Math.log10(voice.micRms)) : -60;
  ui.micLevel.value = voice.mic && !voice.muted ? db : -60;
  ui.micDb.textContent = !voice.mic ? 'off' : voice.muted ? 'muted' : `${db.toFixed(0)} dBFS`;
  ui.mute.setAttribute('aria-pressed', String(voice.muted));
  const c = voice.counters;
  ui.counters.sent.textContent = String(c.sent);
  ui.counters.dropped.textContent = String(c.dropped);
  ui.counters.received.textContent = String(c.received);
  ui.counters.played.textContent = String(c.played);
  ui.counters.cut.textContent = String(c.cut);
  ui.counters.bargeIns.textContent = String(c.bargeIns);
  ui.counters.latency.textContent = voice.latencyMs === null ? '—' : `${Math.round(voice.latencyMs)} ms`;
  ui.transcript.dataset.speechStarted = String(c.speechStarted);
  ui.transcript.dataset.playing = String(voice.playing);
}
