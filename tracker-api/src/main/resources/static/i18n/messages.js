// Reading the message catalogue (/i18n/{en,nl}/messages.json), the same for the field app and the dashboard: each
// keeps its own catalogue and language, and asks this for a message under a dotted key.

/** The languages the catalogue has. */
export const LANGUAGES = ['en', 'nl'];

/** The language chosen on the page (kept under {@code storageKey}), else the browser's first that the catalogue has,
 * else English. */
export function preferredLanguage(storageKey) {
  const chosen = localStorage.getItem(storageKey);
  if (LANGUAGES.includes(chosen)) {
    return chosen;
  }
  const browser = (navigator.languages ?? [navigator.language]).map(tag => String(tag).slice(0, 2).toLowerCase());
  return browser.find(tag => LANGUAGES.includes(tag)) ?? 'en';
}

/** A page's catalogue, once read: its messages and coded values' labels. */
export class Catalogue {
  messages = {};

  /** The message under a dotted key, its {name} placeholders filled in; the key itself when there is none. */
  t(key, params = {}) {
    return message(this.messages, key, params);
  }

  has(key) {
    return hasMessage(this.messages, key);
  }

  /** A coded value's label, codes.{list}.{value}; null when the catalogue has none. */
  code(list, value) {
    const key = `codes.${list}.${value}`;
    return this.has(key) ? this.t(key) : null;
  }
}

/** The message under a dotted key, its {name} placeholders filled in; the key itself when there is none. */
export function message(catalogue, key, params = {}) {
  const found = lookup(catalogue, key.split('.'));
  const text = typeof found === 'string' ? found : key;
  return text.replace(/\{(\w+)}/g, (all, name) => (name in params ? String(params[name]) : all));
}

/** Whether the catalogue has a message under the key. */
export function hasMessage(catalogue, key) {
  return typeof lookup(catalogue, key.split('.')) === 'string';
}

/** Follows the parts of a key, where a name in the catalogue may itself hold dots (event types: case.opened). */
function lookup(node, parts) {
  if (parts.length === 0) {
    return node;
  }
  for (let i = parts.length; i > 0; i--) {
    const name = parts.slice(0, i).join('.');
    if (node && typeof node === 'object' && name in node) {
      const found = lookup(node[name], parts.slice(i));
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}
