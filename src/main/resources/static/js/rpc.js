// A JSON-RPC client for Parley's /rpc WebSocket (02 §2): requests with integer ids answered by promise,
// notifications sent fire-and-forget, server notifications handed to one listener.

/** @typedef {import('./types.js').ClientNotification} ClientNotification */
/** @typedef {import('./types.js').ServerNotificationEnvelope} ServerNotificationEnvelope */
/** @typedef {import('./types.js').Results} Results */
/** @typedef {import('./types.js').RequestMethod} RequestMethod */

/** A JSON-RPC error answer. */
export class RpcError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {unknown} [data]
   */
  constructor(code, message, data) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.data = data;
  }
}

/**
 * The WebSocket URL of /rpc on the page's own origin (and context path), with the bearer token as
 * `access_token` because browsers cannot set headers on a WebSocket upgrade.
 * @param {string} token
 */
export function rpcUrl(token) {
  const url = new URL('rpc', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) {
    url.searchParams.set('access_token', token);
  }
  return url.toString();
}

export class RpcClient {
  /**
   * @param {string} url
   * @param {{onNotification: (message: ServerNotificationEnvelope) => void,
   *          onClose: (event: CloseEvent, wasOpen: boolean) => void,
   *          onProtocolError: (message: string) => void}} handlers
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.nextId = 1;
    /** @type {Map<number, {resolve: (value: any) => void, reject: (error: Error) => void}>} */
    this.pending = new Map();
    /** @type {WebSocket | null} */
    this.socket = null;
    this.open = false;
  }

  /** Opens the socket; resolves once it is open, rejects when the upgrade fails. */
  connect() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      socket.addEventListener('open', () => {
        this.open = true;
        resolve(undefined);
      });
      socket.addEventListener('message', (event) => this.receive(event.data));
      socket.addEventListener('close', (event) => {
        const wasOpen = this.open;
        this.open = false;
        for (const waiter of this.pending.values()) {
          waiter.reject(new Error('connection closed'));
        }
        this.pending.clear();
        if (!wasOpen) {
          reject(new Error(`cannot connect to ${this.url.replace(/access_token=[^&]*/, 'access_token=…')}`));
        }
        this.handlers.onClose(event, wasOpen);
      });
    });
  }

  close() {
    this.socket?.close(1000, 'console closed');
  }

  /** Bytes the browser has queued but not yet sent; the audio path drops frames above a bound. */
  get bufferedAmount() {
    return this.socket?.bufferedAmount ?? 0;
  }

  /**
   * Sends a request and resolves with its result.
   * @template {RequestMethod} M
   * @param {M} method
   * @param {import('./types.js').ParamsOf<M>} params
   * @returns {Promise<Results[M]>}
   */
  request(method, params) {
    const socket = this.socket;
    if (!socket || !this.open) {
      return Promise.reject(new Error('not connected'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * Sends a client notification (no id, no answer). Returns false when the socket is not open.
   * @param {ClientNotification} message
   */
  notify(message) {
    if (!this.socket || !this.open) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** @param {unknown} data */
  receive(data) {
    if (typeof data !== 'string') {
      return;
    }
    /** @type {any} */
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      this.handlers.onProtocolError('unparseable message from the server');
      return;
    }
    if (message && typeof message.method === 'string' && !('id' in message)) {
      this.handlers.onNotification(/** @type {ServerNotificationEnvelope} */ (message));
      return;
    }
    const waiter = typeof message?.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!waiter) {
      if (message?.error) {
        this.handlers.onProtocolError(`${message.error.message} (${message.error.code})`);
      }
      return;
    }
    this.pending.delete(message.id);
    if (message.error) {
      waiter.reject(new RpcError(message.error.code, message.error.message, message.error.data));
    } else {
      waiter.resolve(message.result);
    }
  }
}
