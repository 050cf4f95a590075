// The audio side of the console: one AudioContext, the microphone streamed as appendAudio frames (silence
// while muted), the gapless player, barge-in, and the counters the page shows.

import { Microphone, Player, SAMPLE_RATE, toBase64 } from './audio.js';

/** @typedef {import('./types.js').ThreadRealtimeAudioChunk} ThreadRealtimeAudioChunk */
/** @typedef {{sent: number, dropped: number, received: number, played: number, cut: number, bargeIns: number, speechStarted: number}} Counters */

/** @returns {Counters} */
function zeroCounters() {
  return { sent: 0, dropped: 0, received: 0, played: 0, cut: 0, bargeIns: 0, speechStarted: 0 };
}

export class VoiceAudio {
  /**
   * @param {{changed: () => void, cutOff: (chunks: number, why: string | null) => void}} hooks
   *   `changed` after anything shown changed; `cutOff` when playback was cut (why is the barge-in cause,
   *   or null for a stop or cancel)
   */
  constructor(hooks) {
    this.hooks = hooks;
    /** @type {AudioContext | null} */
    this.context = null;
    /** @type {Player | null} */
    this.player = null;
    /** @type {Microphone | null} */
    this.mic = null;
    this.muted = false;
    this.micRms = 0;
    this.counters = zeroCounters();
    /** @type {number | null} when the user's turn ended; the reply latency runs to the first audio */
    this.replyClock = null;
    /** @type {number | null} */
    this.latencyMs = null;
  }

  /** Creates and resumes the AudioContext; must run inside the click that starts, as autoplay rules ask. */
  unlock() {
    if (!this.context) {
      this.context = new AudioContext({ latencyHint: 'interactive' });
      this.player = new Player(this.context, {
        played: () => {
          this.counters.played++;
          this.hooks.changed();
        },
      });
    }
    void this.context.resume();
  }

  /** A new conversation starts from zero. */
  reset() {
    this.counters = zeroCounters();
    this.replyClock = null;
    this.latencyMs = null;
  }

  /**
   * Opens the microphone; each 20 ms frame goes to `send`, which returns whether it left the page
   * (`null`: not sending now, nothing to count).
   * @param {(audio: ThreadRealtimeAudioChunk) => boolean | null} send
   */
  async startMicrophone(send) {
    if (!this.context || this.mic) {
      return;
    }
    const mic = new Microphone(this.context, (pcm, rms) => {
      this.micRms = rms;
      // Muted, the frame is replaced by silence: the stream stays continuous, so the model's speech
      // detection still sees the end of an utterance the mute cut short.
      const data = toBase64(this.muted ? new ArrayBuffer(pcm.byteLength) : pcm);
      const sent = send({ data, sampleRate: SAMPLE_RATE, numChannels: 1, samplesPerChannel: pcm.byteLength / 2, itemId: null });
      if (sent === true) {
        this.counters.sent++;
      } else if (sent === false) {
        this.counters.dropped++;
      }
      this.hooks.changed();
    });
    this.mic = mic;
    try {
      await mic.start();
    } catch (error) {
      mic.stop();
      if (this.mic === mic) {
        this.mic = null;
      }
      throw error;
    }
  }

  stopMicrophone() {
    this.mic?.stop();
    this.mic = null;
    this.micRms = 0;
  }

  /** @param {ThreadRealtimeAudioChunk} chunk */
  play(chunk) {
    if (!this.player) {
      return;
    }
    this.counters.received++;
    this.player.enqueue(chunk);
    if (this.replyClock !== null) {
      this.latencyMs = performance.now() - this.replyClock;
      this.replyClock = null;
    }
    this.hooks.changed();
  }

  /** The user's turn ended (speech transcribed, text sent): the next audio's delay is the reply latency. */
  turnEnded() {
    this.replyClock = performance.now();
  }

  speechStarted() {
    this.counters.speechStarted++;
    this.hooks.changed();
  }

  get playing() {
    return this.player?.active ?? false;
  }

  /** Stops playback at once (stop, cancel). */
  cut() {
    const chunks = this.player?.interrupt() ?? 0;
    this.counters.cut += chunks;
    this.hooks.cutOff(chunks, null);
    this.hooks.changed();
  }

  /**
   * The user spoke over the answer: stop playback at once and drop its queue.
   * @param {string} why
   */
  bargeIn(why) {
    if (!this.playing) {
      return;
    }
    const chunks = this.player?.interrupt() ?? 0;
    this.counters.cut += chunks;
    this.counters.bargeIns++;
    this.hooks.cutOff(chunks, why);
    this.hooks.changed();
  }
}
