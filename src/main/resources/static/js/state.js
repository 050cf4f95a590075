// What the console knows about the server and its one conversation, shared by app.js (which acts) and
// notifications.js (which reacts to what the server reports).

/** @typedef {import('./types.js').Thread} Thread */
/** @typedef {import('./types.js').RealtimeVoicesList} RealtimeVoicesList */
/** @typedef {import('./types.js').RealtimeOutputModality} RealtimeOutputModality */
/** @typedef {'idle' | 'connecting' | 'running' | 'closing'} ConversationState */
/** @typedef {{threadId: string, state: ConversationState, version: string | null, modality: RealtimeOutputModality}} Conversation */

export const state = {
  /** @type {import('./rpc.js').RpcClient | null} */
  rpc: null,
  connected: false,
  /** @type {Map<string, Thread>} */
  threads: new Map(),
  /** @type {string | null} the open thread (its history shows; a conversation starts on it) */
  selected: null,
  /** @type {RealtimeVoicesList | null} */
  voices: null,
  /** @type {Conversation | null} the conversation this page started, while it runs */
  conversation: null,
  /** @type {string | null} */
  lastClosedReason: null,
};
