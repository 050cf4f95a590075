// Small DOM helpers shared by the views.

/**
 * Creates an element with classes, attributes and children (strings become text nodes, never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{class?: string, attrs?: Record<string, string>}} [options]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, options = {}, ...children) {
  const element = document.createElement(tag);
  if (options.class) {
    element.className = options.class;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) {
      element.append(child);
    }
  }
  return element;
}

/**
 * The element with this id, of the expected type.
 * @template {typeof HTMLElement} T
 * @param {string} id
 * @param {T} type
 * @returns {InstanceType<T>}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`missing #${id}`);
  }
  return /** @type {InstanceType<T>} */ (element);
}

/** @param {number} epochMs */
export function clock(epochMs) {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/**
 * The parts of a `<realtime_delegation>` envelope (04 §11), or null for ordinary text.
 * @param {string} text
 */
export function parseDelegation(text) {
  if (!text.trimStart().startsWith('<realtime_delegation>')) {
    return null;
  }
  const unescape = (/** @type {string} */ s) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const input = /<input>([\s\S]*?)<\/input>/.exec(text);
  const transcript = /<transcript_delta>([\s\S]*?)<\/transcript_delta>/.exec(text);
  return { input: unescape(input ? input[1] : ''), transcript: unescape(transcript ? transcript[1] : '') };
}
