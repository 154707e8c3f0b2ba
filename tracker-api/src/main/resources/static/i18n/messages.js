// Reading the message catalogue (/i18n/{en,nl}/messages.json), the same for the field app and the dashboard: each
// keeps its own catalogue and language, and asks this for a message under a dotted key.

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
