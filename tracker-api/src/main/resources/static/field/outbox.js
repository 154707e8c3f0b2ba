// The outbox in IndexedDB: every event from the moment it is made until the server has answered for it, and after
// that, for the correction window, as sent, counted or rejected. An event gets its eventId, deviceId and deviceSeq
// here, in the same transaction that stores it, so that a crash never leaves an event without them or two with one.

const DB = 'peer-tracker-field';
const EVENTS = 'events';
const META = 'meta';
let db;

/** The states of an entry: waiting to be sent, answered accepted, applied by every view, or refused with reasons. */
export const PENDING = 'pending';
export const SENT = 'sent';
export const COUNTED = 'counted';
export const REJECTED = 'rejected';

export async function open() {
  if (db) {
    return db;
  }
  db = await promised(Object.assign(indexedDB.open(DB, 1), {
    onupgradeneeded: ({ target }) => {
      const store = target.result.createObjectStore(EVENTS, { keyPath: 'eventId' });
      store.createIndex('state', 'state');
      target.result.createObjectStore(META);
    },
  }));
  return db;
}

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/**
 * Stores a new event (envelope without eventId, deviceId, deviceSeq) as pending and answers the stored entry. The
 * device's counter goes up in the same transaction.
 */
export async function add(event) {
  const tx = (await open()).transaction([EVENTS, META], 'readwrite');
  const meta = tx.objectStore(META);
  const deviceId = await promised(meta.get('deviceId'));
  const seq = (await promised(meta.get('deviceSeq'))) ?? 0;
  meta.put(seq + 1, 'deviceSeq');
  const entry = {
    eventId: event.eventId ?? crypto.randomUUID(),
    seq,
    state: PENDING,
    createdAt: new Date().toISOString(),
    attempts: 0,
    nextAttemptAt: 0,
    errors: [],
    event: null,
  };
  entry.event = { ...event, eventId: entry.eventId, deviceId, deviceSeq: seq };
  tx.objectStore(EVENTS).add(entry);
  await done(tx);
  return entry;
}

/** The device's id, made once: an opaque id, never tied to a person. */
export async function deviceId() {
  const tx = (await open()).transaction(META, 'readwrite');
  const meta = tx.objectStore(META);
  let id = await promised(meta.get('deviceId'));
  if (!id) {
    id = `d-${crypto.randomUUID()}`;
    meta.put(id, 'deviceId');
  }
  await done(tx);
  return id;
}

export async function all() {
  const entries = await promised((await open()).transaction(EVENTS).objectStore(EVENTS).getAll());
  return entries.sort((a, b) => b.seq - a.seq);
}

export async function inState(state) {
  const entries = await promised((await open()).transaction(EVENTS).objectStore(EVENTS).index('state').getAll(state));
  return entries.sort((a, b) => a.seq - b.seq);
}

export async function get(eventId) {
  return promised((await open()).transaction(EVENTS).objectStore(EVENTS).get(eventId));
}

/** Applies {@code change} to the stored entries named, in one transaction; an entry gone meanwhile is skipped. */
export async function update(eventIds, change) {
  const tx = (await open()).transaction(EVENTS, 'readwrite');
  const store = tx.objectStore(EVENTS);
  for (const eventId of eventIds) {
    const entry = await promised(store.get(eventId));
    if (entry) {
      store.put({ ...entry, ...change(entry) });
    }
  }
  await done(tx);
}

/**
 * Drops entries counted more than {@code days} after they were sent (the correction window runs from the server's
 * receipt, not from when the event was logged offline); never one still unsent.
 */
export async function prune(days) {
  const before = Date.now() - days * 86_400_000;
  const tx = (await open()).transaction(EVENTS, 'readwrite');
  const store = tx.objectStore(EVENTS);
  for (const entry of await promised(store.index('state').getAll(COUNTED))) {
    if (Date.parse(entry.sentAt ?? entry.createdAt) < before) {
      store.delete(entry.eventId);
    }
  }
  await done(tx);
}

export async function meta(key) {
  return promised((await open()).transaction(META).objectStore(META).get(key));
}

export async function setMeta(key, value) {
  const tx = (await open()).transaction(META, 'readwrite');
  if (value === undefined) {
    tx.objectStore(META).delete(key);
  } else {
    tx.objectStore(META).put(value, key);
  }
  await done(tx);
}
