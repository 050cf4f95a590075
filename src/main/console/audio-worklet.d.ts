// The AudioWorkletGlobalScope names js/mic-worklet.js uses. TypeScript's DOM library has the main-thread
// side of AudioWorklet only, and there is no standard library for the worklet scope.

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}

declare function registerProcessor(name: string, processor: new (options: any) => AudioWorkletProcessor): void;

/** The rate of the AudioContext the worklet runs in. */
declare const sampleRate: number;
