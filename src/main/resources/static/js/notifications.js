// The server's notifications, applied to the page: thread list updates, the live view of this page's
// conversation (transcripts, output audio, handoffs, agent turns, errors, the close), and the thread
// history when the open thread's voice timeline or turns change.

import { state } from './state.js';

/** @typedef {import('./types.js').ServerNotificationEnvelope} ServerNotificationEnvelope */

/**
 * What the handler needs from the page.
 * @typedef {{
 *   live: import('./live.js').LiveView,
 *   voice: import('./voice.js').VoiceAudio,
 *   render: () => void,
 *   renderThreads: () => void,
 *   historyChanged: (threadId: string) => void,
 *   conversationEnded: (reason: string) => void,
 *   startMicrophone: () => Promise<void>,
 * }} Page
 */

/**
 * @param {Page} page
 * @returns {(message: ServerNotificationEnvelope) => void}
 */
export function notificationHandler(page) {
  const { live, voice, render, renderThreads, historyChanged, conversationEnded, startMicrophone } = page;

  /** @param {ServerNotificationEnvelope} message */
  function onNotification(message) {
    switch (message.method) {
      case 'thread/started':
        state.threads.set(message.params.thread.id, message.params.thread);
        renderThreads();
        return;
      case 'thread/status/changed': {
        const thread = state.threads.get(message.params.threadId);
        if (thread) {
          thread.status = message.params.status;
          renderThreads();
        }
        return;
      }
      default:
        break;
    }
    // Methods newer than this console may carry other params; only this thread's notifications matter here.
    const params = /** @type {unknown} */ (message.params);
    if (typeof params !== 'object' || params === null || !('threadId' in message.params)
        || !isMine(message.params.threadId)) {
      return;
    }
    const conversation = state.conversation;
    switch (message.method) {
      case 'thread/realtime/started':
        if (!conversation) {
          // another client's conversation on the open thread: shown, but the microphone stays off
          live.event(`Another client started a ${message.params.version} conversation on this thread`);
          return;
        }
        conversation.state = 'running';
        conversation.version = message.params.version;
        live.event(`Conversation started (${message.params.version}, session ${message.params.realtimeSessionId.slice(-8)})`, 'ok');
        render();
        void startMicrophone();
        return;
      case 'thread/realtime/itemAdded':
        onItem(message.params.item);
        return;
      case 'thread/realtime/transcript/delta':
        if (message.params.role === 'user' && conversation?.version === 'v1') {
          voice.bargeIn('user speech'); // v1 reports no speech_started; the user's transcript is the first cue
        }
        live.delta(asRole(message.params.role), message.params.delta);
        return;
      case 'thread/realtime/transcript/done':
        live.done(asRole(message.params.role), message.params.text);
        if (message.params.role === 'user') {
          voice.turnEnded();
        }
        return;
      case 'thread/realtime/outputAudio/delta':
        if (conversation?.state === 'running') {
          voice.play(message.params.audio);
        }
        return;
      case 'thread/realtime/error':
        live.error(message.params.message);
        if (conversation?.state === 'connecting') {
          // a preflight or connect failure: no `started`, no `closed` (02 §7.1)
          state.conversation = null;
          state.lastClosedReason = 'Start failed';
          renderThreads();
          render();
        }
        return;
      case 'thread/realtime/closed':
        if (conversation?.state === 'connecting' && message.params.reason === 'replaced') {
          // our start replaced a conversation already running on the thread (02 §7.2); ours follows
          live.event('Replaced the conversation that was running on this thread');
        } else if (conversation) {
          conversationEnded(message.params.reason);
        } else {
          live.event(`A conversation on this thread closed: ${message.params.reason}`);
        }
        return;
      case 'thread/realtime/item/completed':
        // a sealed segment, a handoff routed to a turn, a session's start or end: now in the timeline
        historyChanged(message.params.threadId);
        return;
      case 'turn/started':
        live.turnStarted(message.params.turn);
        return;
      case 'item/started':
        live.itemStarted(message.params.turnId, message.params.item);
        return;
      case 'item/agentMessage/delta':
        live.agentDelta(message.params.itemId, message.params.delta);
        return;
      case 'item/completed':
        live.itemCompleted(message.params.item);
        return;
      case 'turn/completed':
        live.turnCompleted(message.params.turn);
        historyChanged(message.params.threadId);
        return;
      case 'error':
        live.error(message.params.error.message);
        return;
      default:
        // thread/realtime/event and methods newer than this console are not shown
        return;
    }
  }

  /**
   * The transcript role; the protocol types it as a string that is `user` or `assistant` (02 §7.9).
   * @param {string} role
   * @returns {'user' | 'assistant'}
   */
  function asRole(role) {
    return role === 'user' ? 'user' : 'assistant';
  }

  /** @param {string} threadId */
  function isMine(threadId) {
    return threadId === (state.conversation?.threadId ?? state.selected);
  }

  /** @param {import('./types.js').JsonValue} item */
  function onItem(item) {
    const type = item && typeof item === 'object' && !Array.isArray(item) ? item.type : undefined;
    live.raw(item);
    if (type === 'input_audio_buffer.speech_started') {
      voice.speechStarted();
      voice.bargeIn('speech started');
      live.speechStarted();
    } else if (type === 'response.cancelled') {
      voice.cut();
      live.event('Response cancelled');
    } else if (type === 'handoff_request' && item && typeof item === 'object' && !Array.isArray(item)) {
      live.handoff(item);
    }
  }

  return onNotification;
}
