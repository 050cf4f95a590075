// The microphone's AudioWorklet: downmixes every render quantum to mono, resamples it from the context's
// rate to 24 kHz and posts PCM16 frames of a fixed duration (20 ms by default) with their RMS level.
// It runs on the audio rendering thread, so it allocates only one buffer per posted frame.

const TARGET_RATE = 24000;

class MicCaptureProcessor extends AudioWorkletProcessor {
  /** @param {{processorOptions?: {frameMs?: number}}} options */
  constructor(options) {
    super();
    const frameMs = options.processorOptions?.frameMs ?? 20;
    this.frameSamples = Math.round((TARGET_RATE * frameMs) / 1000);
    /** Input samples per output sample (2 at 48 kHz). */
    this.step = sampleRate / TARGET_RATE;
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
    this.sumSquares = 0;
    // Downsampling averages the input samples that fall into one output sample (a box filter, enough to
    // keep speech from aliasing); upsampling interpolates linearly between the last two input samples.
    this.position = 0;
    this.boxSum = 0;
    this.boxCount = 0;
    this.previous = 0;
  }

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) {
      return true;
    }
    const length = channels[0].length;
    for (let i = 0; i < length; i++) {
      let sample = 0;
      for (const channel of channels) {
        sample += channel[i];
      }
      sample /= channels.length;
      if (this.step >= 1) {
        this.boxSum += sample;
        this.boxCount++;
        this.position += 1;
        if (this.position >= this.step) {
          this.position -= this.step;
          this.emit(this.boxSum / this.boxCount);
          this.boxSum = 0;
          this.boxCount = 0;
        }
      } else {
        while (this.position < 1) {
          this.emit(this.previous + (sample - this.previous) * this.position);
          this.position += this.step;
        }
        this.position -= 1;
        this.previous = sample;
      }
    }
    return true;
  }

  /** @param {number} value a float sample in [-1, 1] */
  emit(value) {
    const clamped = Math.max(-1, Math.min(1, value));
    this.frame[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    this.sumSquares += clamped * clamped;
    if (this.filled === this.frameSamples) {
      const rms = Math.sqrt(this.sumSquares / this.frameSamples);
      this.port.postMessage({ pcm: this.frame.buffer, rms }, [this.frame.buffer]);
      this.frame = new Int16Array(this.frameSamples);
      this.filled = 0;
      this.sumSquares = 0;
    }
  }
}

registerProcessor('parley-mic-capture', MicCaptureProcessor);
