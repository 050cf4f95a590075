// A minimal pass-through realtime relay, written for the Parley benchmark as a user would in an afternoon:
// the JSON-RPC subset the benchmark speaks (initialize, thread/start, thread/realtime/start, appendAudio in
// both forms, thread/realtime/stop), one upstream WebSocket per conversation, JSON parsed and re-serialised
// per message, nothing else. Usage: node relay.js --port=PORT --upstream=http://127.0.0.1:UPSTREAM_PORT
'use strict';
const { WebSocketServer, WebSocket } = require('ws');
const { randomUUID } = require('crypto');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const port = Number(args.port || 0);
const upstream = (args.upstream || 'http://127.0.0.1:8080').replace(/^http/, 'ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
wss.on('listening', () => console.log(`node relay listening on ${wss.address().port}, upstream ${upstream}`));

wss.on('connection', (client) => {
  const conversations = new Map(); // threadId -> upstream WebSocket
  const send = (message) => {
    if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(message));
  };
  const reply = (id, result) => { if (id !== undefined) send({ id, result }); };
  const fail = (id, code, message) => { if (id !== undefined) send({ id, error: { code, message } }); };

  const start = (id, threadId) => {
    const up = new WebSocket(`${upstream}/v1/realtime?model=gpt-realtime`, { perMessageDeflate: false });
    conversations.set(threadId, up);
    up.on('open', () => up.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } })));
    up.on('message', (data) => {
      const event = JSON.parse(data);
      switch (event.type) {
        case 'session.updated':
          send({ method: 'thread/realtime/started', params: { threadId, realtimeSessionId: event.session.id, version: 'v2' } });
          break;
        case 'response.output_audio.delta':
          send({ method: 'thread/realtime/outputAudio/delta', params: { threadId, audio: {
            data: event.delta, sampleRate: 24000, numChannels: 1, samplesPerChannel: null, itemId: event.item_id } } });
          break;
        case 'response.output_audio_transcript.delta':
          send({ method: 'thread/realtime/transcript/delta', params: { threadId, role: 'assistant', delta: event.delta } });
          break;
        case 'conversation.item.input_audio_transcription.delta':
          send({ method: 'thread/realtime/transcript/delta', params: { threadId, role: 'user', delta: event.delta } });
          break;
        default:
          break;
      }
    });
    up.on('close', () => {
      if (conversations.get(threadId) === up) conversations.delete(threadId);
      send({ method: 'thread/realtime/closed', params: { threadId, reason: 'transport_closed' } });
    });
    up.on('error', (e) => send({ method: 'thread/realtime/error', params: { threadId, message: String(e.message) } }));
    reply(id, {});
  };

  client.on('message', (data) => {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      send({ id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    const params = msg.params || {};
    switch (msg.method) {
      case 'initialize':
        reply(msg.id, { userAgent: 'node-relay/1.0' });
        break;
      case 'thread/start':
        reply(msg.id, { thread: { id: randomUUID() } });
        break;
      case 'thread/realtime/start':
        start(msg.id, params.threadId);
        break;
      case 'thread/realtime/appendAudio': {
        const up = conversations.get(params.threadId);
        if (!up || up.readyState !== WebSocket.OPEN) {
          fail(msg.id, -32600, 'conversation is not running');
          break;
        }
        up.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: params.audio.data }));
        reply(msg.id, {});
        break;
      }
      case 'thread/realtime/stop': {
        const up = conversations.get(params.threadId);
        reply(msg.id, {});
        if (up) up.close(); else send({ method: 'thread/realtime/closed', params: { threadId: params.threadId, reason: 'requested' } });
        break;
      }
      default:
        fail(msg.id, -32601, 'Method not found');
    }
  });
  client.on('close', () => conversations.forEach((up) => up.close()));
});
