// GENERATED CODE! DO NOT MODIFY BY HAND!

export type { ClientInfo } from "./ClientInfo";
export type { ClientNotification } from "./ClientNotification";
export type { ClientRequest } from "./ClientRequest";
export type { ConversationTextRole } from "./ConversationTextRole";
export type { InitializeCapabilities } from "./InitializeCapabilities";
export type { InitializeParams } from "./InitializeParams";
export type { InitializeResponse } from "./InitializeResponse";
export type { JsonValue } from "./serde_json/JsonValue";
export type { RealtimeAudioFrame } from "./RealtimeAudioFrame";
export type { RealtimeConversationVersion } from "./RealtimeConversationVersion";
export type { RealtimeEvent } from "./RealtimeEvent";
export type { RealtimeHandoffRequested } from "./RealtimeHandoffRequested";
export type { RealtimeInputAudioSpeechStarted } from "./RealtimeInputAudioSpeechStarted";
export type { RealtimeNoopRequested } from "./RealtimeNoopRequested";
export type { RealtimeOutputModality } from "./RealtimeOutputModality";
export type { RealtimeResponseCancelled } from "./RealtimeResponseCancelled";
export type { RealtimeResponseCreated } from "./RealtimeResponseCreated";
export type { RealtimeResponseDone } from "./RealtimeResponseDone";
export type { RealtimeTranscriptDelta } from "./RealtimeTranscriptDelta";
export type { RealtimeTranscriptDone } from "./RealtimeTranscriptDone";
export type { RealtimeTranscriptEntry } from "./RealtimeTranscriptEntry";
export type { RealtimeVoice } from "./RealtimeVoice";
export type { RealtimeVoicesList } from "./RealtimeVoicesList";
export type { RequestId } from "./RequestId";
export type { ServerNotification } from "./ServerNotification";
export type { ServerNotificationEnvelope } from "./ServerNotificationEnvelope";
export * as v2 from "./v2";
