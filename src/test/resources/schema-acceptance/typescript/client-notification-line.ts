export type ClientNotification = { "method": "initialized" } | { "method": "thread/realtime/appendAudio", "params": ThreadRealtimeAppendAudioParams };
