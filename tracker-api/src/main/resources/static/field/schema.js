// The event schemas the intake checks against (GET /api/v1/schemas/{type}, cached by the service worker), and a
// small validator of the JSON Schema keywords they use, so that a peer sees a broken field before sending, under the
// rule names the server gives (the keyword: required, enum, pattern, maximum, ...). Written by hand rather than
// vendored: the schemas use a dozen keywords, and a general validator would be several times the whole app's size.

const schemas = new Map();

/** Loads the envelope and the schemas of {@code types}; a type whose schema cannot be had is left out. */
export async function load(types) {
  await Promise.all(['envelope', ...types].map(async type => {
    if (schemas.has(type)) {
      return;
    }
    try {
      const response = await fetch(`/api/v1/schemas/${type}`);
      if (response.ok) {
        schemas.set(type, await response.json());
      }
    } catch {
      // offline before the first visit cached it: the intake checks the event anyway
    }
  }));
}

export function has(type) {
  return schemas.has(type);
}

/** The allowed values of a payload field (a dotted path such as topics or materials.syringes), or []. */
export function enumOf(type, path) {
  const schema = schemas.get(type);
  if (!schema) {
    return [];
  }
  let node = schema;
  for (const part of path.split('.')) {
    node = resolve(schema, node)?.properties?.[part];
    if (!node) {
      return [];
    }
  }
  node = resolve(schema, node);
  return node.enum ?? resolve(schema, node.items)?.enum ?? [];
}

/** A field's bounds from its schema: {minimum, maximum, multipleOf, maxLength}. */
export function boundsOf(type, path) {
  const schema = schemas.get(type);
  let node = schema;
  for (const part of path.split('.')) {
    node = node && resolve(schema, node)?.properties?.[part];
  }
  return node ? resolve(schema, node) : {};
}

/**
 * The errors of an event as the intake would name them: [{field, rule, limit}], empty when valid. The payload of an
 * amendment is checked against its target type's schema (payload.payload.*).
 */
export function validate(event) {
  const errors = [];
  check(schemas.get('envelope'), schemas.get('envelope'), event, '', errors);
  const payloadSchema = schemas.get(event.type);
  if (payloadSchema) {
    check(payloadSchema, payloadSchema, event.payload, 'payload', errors);
  }
  if (event.type === 'event.amended' && schemas.has(event.payload?.targetType)) {
    const target = schemas.get(event.payload.targetType);
    check(target, target, event.payload.payload, 'payload.payload', errors);
  }
  return errors;
}

function resolve(root, node) {
  if (node && node.$ref && node.$ref.startsWith('#/')) {
    return node.$ref.slice(2).split('/').reduce((at, part) => at?.[part], root);
  }
  return node;
}

function typeOk(type, value) {
  switch (type) {
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    default: return true;
  }
}

function check(root, node, value, field, errors) {
  node = resolve(root, node);
  if (!node || node === true) {
    return;
  }
  const at = field || '(event)';
  const fail = (rule, limit) => errors.push({ field: at, rule, limit });
  if (node.type && !typeOk(node.type, value)) {
    fail('type');
    return;
  }
  if (node.enum && !node.enum.includes(value)) {
    fail('enum');
  }
  if ('const' in node && node.const !== value) {
    fail('const');
  }
  if (node.not && valid(root, node.not, value)) {
    fail('not');
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) fail('minimum', node.minimum);
    if (node.maximum !== undefined && value > node.maximum) fail('maximum', node.maximum);
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) fail('exclusiveMinimum', node.exclusiveMinimum);
    if (node.multipleOf !== undefined && !Number.isInteger(value / node.multipleOf)) fail('multipleOf', node.multipleOf);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (node.minLength !== undefined && length < node.minLength) fail('minLength', node.minLength);
    if (node.maxLength !== undefined && length > node.maxLength) fail('maxLength', node.maxLength);
    if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) fail('pattern');
  }
  if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) fail('maxItems', node.maxItems);
    if (node.uniqueItems && new Set(value).size !== value.length) fail('uniqueItems');
    if (node.items) {
      value.forEach((item, i) => check(root, node.items, item, `${field}[${i}]`, errors));
    }
  }
  if (typeOk('object', value)) {
    for (const name of node.required ?? []) {
      if (!(name in value)) {
        errors.push({ field: field ? `${field}.${name}` : name, rule: 'required' });
      }
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (name in value) {
        check(root, child, value[name], field ? `${field}.${name}` : name, errors);
      }
    }
  }
  for (const part of node.allOf ?? []) {
    check(root, part, value, field, errors);
  }
  if (node.if) {
    const branch = valid(root, node.if, value) ? node.then : node.else;
    if (branch) {
      check(root, branch, value, field, errors);
    }
  }
}

function valid(root, node, value) {
  const errors = [];
  check(root, node, value, '', errors);
  return errors.length === 0;
}
