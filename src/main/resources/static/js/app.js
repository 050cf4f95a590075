// The Parley voice console: connects to /rpc on this origin, lists and creates threads, runs one realtime
// conversation at a time with the microphone and the speaker, and shows what happens.

import { FRAME_MS, SAMPLE_RATE } from './audio.js';
import { el } from './dom.js';
import { loadHistory, renderHistory } from './history.js';
import { LiveView } from './live.js';
import { notificationHandler } from './notifications.js';
import { RpcClient, RpcError, rpcUrl } from './rpc.js';
import { state } from './state.js';
import { renderThreadList, threadLabel } from './threads.js';
import { alertUser, renderControls, ui } from './ui.js';
import { VoiceAudio } from './voice.js';

/** @typedef {import('./types.js').RealtimeConversationVersion} RealtimeConversationVersion */
/** @typedef {import('./types.js').RealtimeOutputModality} RealtimeOutputModality */
/** @typedef {import('./types.js').RealtimeVoice} RealtimeVoice */
/** @typedef {import('./types.js').ThreadRealtimeStartParams} ThreadRealtimeStartParams */

/** Above this many bytes waiting in the WebSocket, microphone frames are dropped instead of queued. */
const MAX_BUFFERED_BYTES = 256 * 1024;

const live = new LiveView(ui.transcript);
const voice = new VoiceAudio({
  changed: () => render(),
  cutOff: (chunks, why) => {
    live.interruptAssistant();
    if (why) {
      live.event(`Barge-in (${why}): playback stopped, ${chunks} queued chunk${chunks === 1 ? '' : 's'} dropped`, 'warn');
    }
  },
});

// ---------------------------------------------------------------------------------------------- rendering

let renderQueued = false;
function render() {
  if (renderQueued) {
    return;
  }
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    renderNow();
  });
}

function renderNow() {
  renderControls(state, voice);
}

/** @param {'disconnected' | 'connecting' | 'connected' | 'failed'} connState */
function setConnection(connState, detail = '') {
  ui.connState.dataset.state = connState;
  ui.connState.textContent = { disconnected: 'Disconnected', connecting: 'Connecting…', connected: 'Connected', failed: 'Not connected' }[connState];
  ui.serverInfo.textContent = detail;
  state.connected = connState === 'connected';
  render();
}

/** @param {unknown} error */
function describe(error) {
  if (error instanceof RpcError) {
    return `${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** @param {unknown} error */
function fail(error) {
  const message = describe(error);
  live.error(message);
  alertUser(message);
}

// -------------------------------------------------------------------------------------------- connection

async function connect() {
  state.rpc?.close();
  setConnection('connecting');
  const rpc = new RpcClient(rpcUrl(ui.token.value.trim()), {
    onNotification: (message) => {
      if (state.rpc === rpc) {
        onNotification(message);
      }
    },
    onClose: (event, wasOpen) => {
      if (state.rpc !== rpc) {
        return;
      }
      state.rpc = null;
      if (wasOpen) {
        setConnection('disconnected', event.reason ? `closed: ${event.reason} (${event.code})` : `closed (${event.code})`);
        if (state.conversation) {
          conversationEnded('connection lost');
        }
      }
    },
    onProtocolError: (message) => live.error(message),
  });
  state.rpc = rpc;
  try {
    await rpc.connect();
    const info = await rpc.request('initialize', {
      clientInfo: { name: 'parley_console', title: 'Parley voice console', version: '1.0' },
      capabilities: { optOutNotificationMethods: [] },
    });
    rpc.notify({ method: 'initialized' });
    setConnection('connected', info.userAgent.replace(/^parley_console\//, 'Parley '));
    ui.connectionPanel.open = false;
    const voices = await rpc.request('thread/realtime/listVoices', {});
    state.voices = voices.voices;
    fillVoices();
    await loadThreads();
  } catch (error) {
    if (state.rpc === rpc) {
      state.rpc = null;
      setConnection('failed', 'Cannot reach /rpc. If Parley requires a token, enter it under Connection.');
      ui.connectionPanel.open = true;
    }
    if (!(error instanceof Error && error.message.startsWith('cannot connect'))) {
      fail(error);
    }
  }
}

function fillVoices() {
  const voices = state.voices;
  if (!voices) {
    return;
  }
  const version = /** @type {RealtimeConversationVersion} */ (ui.version.value);
  const list = version === 'v1' ? voices.v1 : voices.v2;
  const preferred = version === 'v1' ? voices.defaultV1 : voices.defaultV2;
  ui.voice.replaceChildren(...list.map((voice) =>
    el('option', { attrs: { value: voice } }, voice === preferred ? `${voice} ★` : voice)));
  ui.voice.value = preferred;
  // v1 has no text output (02 §7.2)
  const text = /** @type {HTMLOptionElement} */ (ui.modality.querySelector('option[value="text"]'));
  text.disabled = version === 'v1';
  if (version === 'v1') {
    ui.modality.value = 'audio';
  }
}

// ------------------------------------------------------------------------------------------------ threads

async function loadThreads() {
  const rpc = state.rpc;
  if (!rpc) {
    return;
  }
  const page = await rpc.request('thread/list', { limit: 50 });
  state.threads = new Map(page.data.map((thread) => [thread.id, thread]));
  renderThreads();
  if (state.selected && state.threads.has(state.selected)) {
    await openThread(state.selected);
  }
}

function renderThreads() {
  renderThreadList(ui.threadList, [...state.threads.values()], state.selected, state.conversation !== null,
    (threadId) => openThread(threadId).catch(fail));
}

/** Increases with every history load, so an older answer never replaces a newer one. */
let historyLoads = 0;

/** @param {string} threadId */
async function openThread(threadId) {
  const rpc = state.rpc;
  if (!rpc) {
    return;
  }
  if (state.selected !== threadId) {
    state.selected = threadId;
    renderThreads();
  }
  const load = ++historyLoads;
  const { thread, timeline } = await loadHistory(rpc, threadId);
  if (load !== historyLoads || state.selected !== threadId) {
    return;
  }
  state.threads.set(threadId, { ...thread, turns: [] });
  ui.threadTitle.textContent = threadLabel(thread);
  ui.historyTitle.textContent = threadLabel(thread);
  renderHistory(ui.history, thread, timeline);
  render();
}

/** @type {ReturnType<typeof setTimeout> | null} */
let historyTimer = null;

/**
 * The open thread's turns or timeline changed: reload its history, at most once a second while a
 * conversation seals segment after segment.
 * @param {string} threadId
 */
function historyChanged(threadId) {
  if (threadId !== state.selected || historyTimer !== null) {
    return;
  }
  historyTimer = setTimeout(() => {
    historyTimer = null;
    if (state.selected) {
      openThread(state.selected).catch(fail);
    }
  }, 1000);
}

async function createThread() {
  const rpc = state.rpc;
  if (!rpc) {
    return null;
  }
  const name = ui.threadName.value.trim();
  const created = await rpc.request('thread/start', name ? { name } : {});
  ui.threadName.value = '';
  state.threads.set(created.thread.id, created.thread);
  await openThread(created.thread.id);
  renderThreads();
  return created.thread.id;
}

// ------------------------------------------------------------------------------------------ conversation

let starting = false;

async function startConversation() {
  const rpc = state.rpc;
  if (!rpc || state.conversation || starting) {
    return;
  }
  voice.unlock();
  starting = true;
  /** @type {string | null} */
  let threadId;
  try {
    threadId = state.selected ?? (await createThread());
  } finally {
    starting = false;
  }
  if (!threadId) {
    return;
  }
  const version = /** @type {RealtimeConversationVersion} */ (ui.version.value);
  const modality = /** @type {RealtimeOutputModality} */ (ui.modality.value);
  /** @type {ThreadRealtimeStartParams} */
  const params = { threadId, outputModality: modality, version, voice: /** @type {RealtimeVoice} */ (ui.voice.value) };
  const prompt = ui.prompt.value.trim();
  if (prompt) {
    params.prompt = prompt;
  }
  voice.reset();
  state.lastClosedReason = null;
  state.conversation = { threadId, state: 'connecting', version, modality };
  renderThreads();
  render();
  live.event(`Starting ${version} conversation (${modality} output, voice ${params.voice})…`);
  try {
    await rpc.request('thread/realtime/start', params);
  } catch (error) {
    state.conversation = null;
    renderThreads();
    render();
    fail(error);
  }
}

async function stopConversation() {
  const conversation = state.conversation;
  const rpc = state.rpc;
  if (!conversation || !rpc) {
    return;
  }
  conversation.state = 'closing';
  voice.stopMicrophone();
  voice.cut();
  render();
  try {
    await rpc.request('thread/realtime/stop', { threadId: conversation.threadId });
  } catch (error) {
    fail(error);
  }
}

async function startMicrophone() {
  try {
    await voice.startMicrophone(sendAudio);
    if (!voice.mic) {
      return; // stopped while the microphone was opening
    }
    live.event(`Microphone on: ${SAMPLE_RATE / 1000} kHz mono PCM16 in ${FRAME_MS} ms frames`, 'ok');
  } catch (error) {
    fail(new Error(`microphone unavailable: ${describe(error)} (typing still works)`));
  }
  render();
}

/**
 * Sends one microphone frame as a notification; false when it had to be dropped, null when no
 * conversation is running (not counted).
 * @param {import('./types.js').ThreadRealtimeAudioChunk} audio
 */
function sendAudio(audio) {
  const conversation = state.conversation;
  const rpc = state.rpc;
  if (!conversation || conversation.state !== 'running' || !rpc) {
    return null;
  }
  if (rpc.bufferedAmount > MAX_BUFFERED_BYTES) {
    return false;
  }
  return rpc.notify({ method: 'thread/realtime/appendAudio', params: { threadId: conversation.threadId, audio } });
}

/** @param {string} reason */
function conversationEnded(reason) {
  voice.stopMicrophone();
  voice.cut();
  live.closeOpenLines();
  const threadId = state.conversation?.threadId;
  state.conversation = null;
  state.lastClosedReason = `Closed: ${reason}`;
  live.event(`Conversation closed: ${reason}`, reason === 'requested' ? 'info' : 'warn');
  renderThreads();
  render();
  if (threadId && threadId === state.selected && state.rpc) {
    openThread(threadId).catch(fail);
  }
}

const onNotification = notificationHandler({
  live, voice, render, renderThreads, historyChanged, conversationEnded, startMicrophone,
});

// ---------------------------------------------------------------------------------------------- controls

/** @param {HTMLFormElement} form @param {() => Promise<unknown>} action */
function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action().catch(fail);
  });
}

onSubmit(ui.connectForm, connect);
onSubmit(ui.newThreadForm, createThread);
onSubmit(ui.startForm, startConversation);
ui.stop.addEventListener('click', () => stopConversation().catch(fail));
ui.refreshThreads.addEventListener('click', () => loadThreads().catch(fail));
ui.reloadHistory.addEventListener('click', () => (state.selected ? openThread(state.selected) : Promise.resolve()).catch(fail));
ui.version.addEventListener('change', fillVoices);
ui.mute.addEventListener('click', () => {
  voice.muted = !voice.muted;
  render();
});
ui.showRaw.addEventListener('change', () => {
  ui.transcript.dataset.raw = ui.showRaw.checked ? 'on' : 'off';
});
ui.clearLive.addEventListener('click', () => live.clear());

onSubmit(ui.textForm, async () => {
  const text = ui.textInput.value.trim();
  const rpc = state.rpc;
  const conversation = state.conversation;
  if (!text || !rpc || !conversation) {
    return;
  }
  ui.textInput.value = '';
  live.typed(text);
  voice.turnEnded();
  await rpc.request('thread/realtime/appendText', { threadId: conversation.threadId, text, createResponse: true });
});

onSubmit(ui.speechForm, async () => {
  const text = ui.speechInput.value.trim();
  const rpc = state.rpc;
  const conversation = state.conversation;
  if (!text || !rpc || !conversation) {
    return;
  }
  ui.speechInput.value = '';
  live.event(`Asked the voice model to say: “${text}”`);
  voice.turnEnded();
  await rpc.request('thread/realtime/appendSpeech', { threadId: conversation.threadId, text });
});

render();
void connect();
