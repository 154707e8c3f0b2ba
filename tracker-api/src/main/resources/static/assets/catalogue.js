// The contract's lists of codes (materials, involvement levels and roles, site types, ...) as the JSON Schemas the API
// serves to anyone (GET /api/v1/schemas/{type}) hold them, so that a code added to a schema reaches every page without
// editing it. How a code is shown stays with the page. No DOM and no token here: a field app reuses this module as is.

const SCHEMAS = '/api/v1/schemas';

/**
 * Where each list lives: the event type whose payload schema holds it, and the path to it in that schema. The codes
 * are the node's enum, or the names of its properties when it is an object of named counts (materials).
 */
const LISTS = {
  materials: ['outreach.contact-recorded', 'properties/materials'],
  contactTopics: ['outreach.contact-recorded', 'properties/topics/items'],
  siteTypes: ['outreach.session-started', 'properties/siteType'],
  signalKinds: ['outreach.signal-reported', 'properties/kind'],
  signalSeverities: ['outreach.signal-reported', 'properties/severity'],
  needs: ['case.opened', 'properties/needs/items'],
  referredBy: ['case.opened', 'properties/referredBy'],
  referralServices: ['case.referral-made', 'properties/service'],
  referralOutcomes: ['case.referral-closed', 'properties/outcome'],
  actionKinds: ['campaign.action-recorded', 'properties/kind'],
  outcomeLevels: ['campaign.outcome-recorded', 'properties/level'],
  involvementLevels: ['peer.involvement-recorded', 'properties/level'],
  roles: ['peer.involvement-recorded', 'properties/role'],
  settings: ['peer.joined', 'properties/setting'],
  correctionReasons: ['event.voided', 'properties/reason'],
};

/** The names codes() knows. */
export const NAMES = Object.freeze(Object.keys(LISTS));

const schemas = new Map();

/**
 * A schema as the API serves it ('envelope' or an event type such as 'outreach.contact-recorded'), read once; a read
 * that failed is tried again at the next call.
 */
export function schema(type) {
  if (!schemas.has(type)) {
    schemas.set(type, read(type).catch(error => {
      schemas.delete(type);
      throw error;
    }));
  }
  return schemas.get(type);
}

/** The codes of one list, in the schema's order, e.g. codes('materials') → ['syringes', 'needlesReturned', …]. */
export async function codes(name) {
  const where = LISTS[name];
  if (!where) {
    throw new Error(`No list "${name}" in the catalogue.`);
  }
  const [type, path] = where;
  const document = await schema(type);
  const node = resolve(document, path.split('/').reduce((at, step) => at?.[step], document));
  if (Array.isArray(node?.enum)) {
    return [...node.enum];
  }
  if (node?.properties) {
    return Object.keys(node.properties);
  }
  throw new Error(`The schema of ${type} holds no list at ${path}.`);
}

/** Several lists at once: lists('involvementLevels', 'roles') → {involvementLevels: […], roles: […]}. */
export async function lists(...names) {
  const found = await Promise.all(names.map(codes));
  return Object.fromEntries(names.map((name, i) => [name, found[i]]));
}

async function read(type) {
  const response = await fetch(`${SCHEMAS}/${encodeURIComponent(type)}`, {
    headers: { Accept: 'application/schema+json, application/json' },
    credentials: 'omit',
  });
  if (!response.ok) {
    throw new Error(`Could not read the catalogue's schema of ${type} (${response.status}).`);
  }
  return response.json();
}

/** Follows a reference within the same schema ("#/$defs/role"), as the schemas share their lists. */
function resolve(document, node) {
  const ref = node?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) {
    return node;
  }
  return resolve(document, ref.slice(2).split('/').reduce((at, step) => at?.[step], document));
}
