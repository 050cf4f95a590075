// Type names for the console's JSDoc, taken from Parley's generated protocol declarations
// (schema/typescript). `tsc -p src/main/console/tsconfig.json` checks every script against them, so a
// protocol change that breaks the console fails the build. This module has no runtime content.

/** @typedef {import('../../../../../schema/typescript/index').ClientRequest} ClientRequest */
/** @typedef {import('../../../../../schema/typescript/index').ClientNotification} ClientNotification */
/** @typedef {import('../../../../../schema/typescript/index').ServerNotificationEnvelope} ServerNotificationEnvelope */
/** @typedef {import('../../../../../schema/typescript/index').InitializeResponse} InitializeResponse */
/** @typedef {import('../../../../../schema/typescript/index').JsonValue} JsonValue */
/** @typedef {import('../../../../../schema/typescript/index').RealtimeVoice} RealtimeVoice */
/** @typedef {import('../../../../../schema/typescript/index').RealtimeVoicesList} RealtimeVoicesList */
/** @typedef {import('../../../../../schema/typescript/index').RealtimeConversationVersion} RealtimeConversationVersion */
/** @typedef {import('../../../../../schema/typescript/index').RealtimeOutputModality} RealtimeOutputModality */
/** @typedef {import('../../../../../schema/typescript/index').v2.Thread} Thread */
/** @typedef {import('../../../../../schema/typescript/index').v2.Turn} Turn */
/** @typedef {import('../../../../../schema/typescript/index').v2.ThreadItem} ThreadItem */
/** @typedef {import('../../../../../schema/typescript/index').v2.TurnError} TurnError */
/** @typedef {import('../../../../../schema/typescript/index').v2.ThreadRealtimeAudioChunk} ThreadRealtimeAudioChunk */
/** @typedef {import('../../../../../schema/typescript/index').v2.ThreadRealtimeStartParams} ThreadRealtimeStartParams */
/** @typedef {import('../../../../../schema/typescript/index').v2.ThreadRealtimeItem} ThreadRealtimeItem */
/** @typedef {import('../../../../../schema/typescript/index').v2.ThreadRealtimeListResponse} ThreadRealtimeListResponse */

/**
 * What each request the console sends answers, from the generated response types.
 * @typedef {{
 *   'initialize': InitializeResponse,
 *   'thread/start': import('../../../../../schema/typescript/index').v2.ThreadStartResponse,
 *   'thread/list': import('../../../../../schema/typescript/index').v2.ThreadListResponse,
 *   'thread/read': import('../../../../../schema/typescript/index').v2.ThreadReadResponse,
 *   'thread/realtime/start': import('../../../../../schema/typescript/index').v2.ThreadRealtimeStartResponse,
 *   'thread/realtime/stop': import('../../../../../schema/typescript/index').v2.ThreadRealtimeStopResponse,
 *   'thread/realtime/appendText': import('../../../../../schema/typescript/index').v2.ThreadRealtimeAppendTextResponse,
 *   'thread/realtime/appendSpeech': import('../../../../../schema/typescript/index').v2.ThreadRealtimeAppendSpeechResponse,
 *   'thread/realtime/list': ThreadRealtimeListResponse,
 *   'thread/realtime/listVoices': import('../../../../../schema/typescript/index').v2.ThreadRealtimeListVoicesResponse,
 * }} Results
 */

/** @typedef {keyof Results & ClientRequest['method']} RequestMethod */

/**
 * The params of a request method, as the generated ClientRequest union declares them.
 * @template {ClientRequest['method']} M
 * @typedef {Extract<ClientRequest, {method: M}>['params']} ParamsOf
 */

export {};
