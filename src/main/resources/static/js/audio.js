// Microphone capture (getUserMedia → AudioWorklet → 24 kHz mono PCM16 frames) and gapless playback of
// the model's output-audio deltas, with an immediate stop for barge-in.

/** @typedef {import('./types.js').ThreadRealtimeAudioChunk} ThreadRealtimeAudioChunk */

/** Duration of one microphone frame sent as `thread/realtime/appendAudio` (02 §7.3 asks for 20–40 ms). */
export const FRAME_MS = 20;
export const SAMPLE_RATE = 24000;
/** How far ahead of the clock the first buffer of a burst is scheduled, to absorb network jitter. */
const PLAYBACK_LEAD_S = 0.05;

/** @param {ArrayBuffer} buffer PCM16 little-endian */
export function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** @param {string} data base64 */
function fromBase64(data) {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Streams the microphone as PCM16 frames to a callback. */
export class Microphone {
  /**
   * @param {AudioContext} context
   * @param {(pcm: ArrayBuffer, rms: number) => void} onFrame
   */
  constructor(context, onFrame) {
    this.context = context;
    this.onFrame = onFrame;
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {AudioWorkletNode | null} */
    this.node = null;
    /** @type {MediaStreamAudioSourceNode | null} */
    this.source = null;
    this.stopped = false;
  }

  async start() {
    this.stopped = false;
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    await this.context.audioWorklet.addModule(new URL('./mic-worklet.js', import.meta.url));
    if (this.stopped) {
      // stopped while the permission prompt or the module load was pending: release the device
      this.stop();
      return;
    }
    this.source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, 'parley-mic-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: { frameMs: FRAME_MS },
    });
    this.node.port.onmessage = (event) => this.onFrame(event.data.pcm, event.data.rms);
    this.source.connect(this.node);
    // The worklet writes silence; connecting it keeps the graph pulling it in every browser.
    this.node.connect(this.context.destination);
  }

  stop() {
    this.stopped = true;
    this.node?.port.close();
    this.node?.disconnect();
    this.source?.disconnect();
    for (const track of this.stream?.getTracks() ?? []) {
      track.stop();
    }
    this.node = null;
    this.source = null;
    this.stream = null;
  }
}

/** Plays output-audio chunks back to back on the context's clock. */
export class Player {
  /**
   * @param {AudioContext} context
   * @param {{played: () => void}} listener called when a chunk has played to its end
   */
  constructor(context, listener) {
    this.context = context;
    this.listener = listener;
    this.output = context.createGain();
    this.output.connect(context.destination);
    /** @type {Set<AudioBufferSourceNode>} */
    this.sources = new Set();
    /** @type {WeakSet<AudioBufferSourceNode>} */
    this.cut = new WeakSet();
    this.nextStart = 0;
  }

  /** @param {ThreadRealtimeAudioChunk} chunk */
  enqueue(chunk) {
    const bytes = fromBase64(chunk.data);
    const channels = Math.max(1, chunk.numChannels);
    const frames = Math.floor(bytes.length / 2 / channels);
    if (frames === 0) {
      return;
    }
    const samples = new DataView(bytes.buffer, bytes.byteOffset, frames * channels * 2);
    const buffer = this.context.createBuffer(channels, frames, chunk.sampleRate || SAMPLE_RATE);
    for (let c = 0; c < channels; c++) {
      const target = buffer.getChannelData(c);
      for (let i = 0; i < frames; i++) {
        target[i] = samples.getInt16((i * channels + c) * 2, true) / 0x8000;
      }
    }
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    // Back to back with the previous chunk; after an underrun, restart a little ahead of the clock.
    const start = Math.max(this.nextStart, this.context.currentTime + PLAYBACK_LEAD_S);
    source.start(start);
    this.nextStart = start + buffer.duration;
    this.sources.add(source);
    source.addEventListener('ended', () => {
      this.sources.delete(source);
      if (!this.cut.has(source)) {
        this.listener.played();
      }
    });
  }

  /** True while audio is playing or queued. */
  get active() {
    return this.sources.size > 0;
  }

  /** Seconds of audio queued ahead of the clock. */
  get queuedSeconds() {
    return Math.max(0, this.nextStart - this.context.currentTime);
  }

  /** Stops playback at once and drops the queue; returns how many chunks were cut. */
  interrupt() {
    const cut = this.sources.size;
    for (const source of this.sources) {
      this.cut.add(source);
      source.stop();
    }
    this.sources.clear();
    this.nextStart = 0;
    return cut;
  }
}
