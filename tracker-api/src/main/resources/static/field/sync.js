// Sends the outbox: pending events in batches of at most 500, oldest first. An entry leaves "pending" only on the
// server's answer for it: accepted (then sent), rejected or a conflict (then aside, with the reasons, until fixed);
// not-accepted, a 503 or 429 (Retry-After honoured), a network error or a timeout keep it pending with backoff. A
// lost answer means the same events go again with the same eventIds, which the intake counts once. Sent events are
// then asked after (GET events/{eventId}) until every view counted them. After a run that could reach the server, the
// next one is set for when the next entry is due (a backoff, a Retry-After, events sent and not yet counted), so that
// these need not wait for the app's periodic tick.

import * as outbox from './outbox.js';
import * as signin from './signin.js';
import * as i18n from './i18n.js';

const BATCH = 500;
const TIMEOUT = 30_000;
// a phone's browser opens about six connections to one origin
const STATUS_AT_ONCE = 6;
const SOONEST = 1000;
const LATEST = 60_000;
let running = null;
let timer = null;
let again = false;
let holdUntil = 0;
let listeners = [];

export function onChange(listener) {
  listeners.push(listener);
}

function changed(state) {
  for (const listener of listeners) {
    listener(state);
  }
}

/** Runs a sync now, or once more after the one running; never two at once in this tab. */
export function soon() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let reached = false;
    try {
      do {
        again = false;
        reached = await run();
      } while (again);
    } finally {
      running = null;
    }
    if (reached) {
      await schedule();
    }
  })();
  return running;
}

async function schedule() {
  clearTimeout(timer);
  const due = await nextDue();
  if (due !== null) {
    timer = setTimeout(soon, Math.min(LATEST, Math.max(SOONEST, due - Date.now())));
  }
}

/** One run; true when it could try the server (online, signed in), so that a next one is worth setting. */
async function run() {
  const who = signin.who();
  if (!who || !navigator.onLine) {
    changed({ state: navigator.onLine ? 'waiting' : 'offline' });
    return false;
  }
  if (Date.now() < holdUntil) {
    changed({ state: 'waiting' });
    return true;
  }
  const token = await signin.token();
  if (!token) {
    changed({ state: 'signed-out' });
    return false;
  }
  changed({ state: 'sending' });
  const now = Date.now();
  const due = (await outbox.inState(outbox.PENDING)).filter(entry => entry.nextAttemptAt <= now);
  for (let from = 0; from < due.length; from += BATCH) {
    const ok = await send(who.org, token, due.slice(from, from + BATCH));
    if (!ok) {
      return signin.who() !== null && (await signin.token()) !== null;
    }
  }
  await checkCounted(who.org, token);
  changed({ state: 'idle' });
  return true;
}

/** One batch; false when the rest should wait (no network, the server busy, the token refused). */
async function send(org, token, batch) {
  let response;
  try {
    response = await fetch(`/api/v1/orgs/${encodeURIComponent(org)}/events`, {
      method: 'POST',
      headers: headers(token, { 'Content-Type': 'application/json' }),
      body: JSON.stringify(batch.map(entry => entry.event)),
      signal: AbortSignal.timeout(TIMEOUT),
    });
  } catch {
    await backoff(batch, null, 'network');
    changed({ state: 'offline' });
    return false;
  }
  if (response.status === 401) {
    signin.refused();
    changed({ state: 'signed-out' });
    return false;
  }
  const body = await response.json().catch(() => null);
  const results = Array.isArray(body?.results) ? body.results : null;
  if (!results) {
    // no answer per event (busy, forbidden, too large): every event of the batch stays pending
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 503 || response.status === 429) {
      holdUntil = Date.now() + (retryAfter > 0 ? retryAfter * 1000 : 10_000);
    }
    await backoff(batch, retryAfter > 0 ? retryAfter : null, `http-${response.status}`);
    changed({ state: 'waiting', status: response.status });
    return false;
  }
  const byId = new Map(results.map(result => [result.eventId, result]));
  const accepted = [];
  const waiting = [];
  const refused = new Map();
  for (const entry of batch) {
    const result = byId.get(entry.eventId);
    if (result?.status === 'accepted') {
      accepted.push(entry.eventId);
    } else if (result?.status === 'rejected' || result?.status === 'conflict') {
      refused.set(entry.eventId, result);
    } else {
      waiting.push(entry);
    }
  }
  const at = new Date().toISOString();
  await outbox.update(accepted, () => ({ state: outbox.SENT, sentAt: at, errors: [], lastProblem: null }));
  for (const [eventId, result] of refused) {
    await outbox.update([eventId], () => ({
      state: outbox.REJECTED,
      conflict: result.status === 'conflict',
      errors: (result.errors ?? []).map(({ field, rule, message }) => ({ field, rule, message })),
      language: i18n.current(),
      answeredAt: at,
    }));
  }
  if (waiting.length) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    await backoff(waiting, retryAfter > 0 ? retryAfter : null, 'not-accepted');
  }
  changed({ state: 'sending' });
  return response.status !== 503;
}

/** Exponential backoff per entry, 2 s doubling to 5 minutes, with jitter; at least what Retry-After asks. */
async function backoff(entries, retryAfterSeconds, problem) {
  await outbox.update(entries.map(entry => entry.eventId), entry => {
    const attempts = entry.attempts + 1;
    const wait = Math.min(300_000, 2000 * 2 ** Math.min(attempts - 1, 8)) * (0.75 + Math.random() / 2);
    return {
      attempts,
      nextAttemptAt: Date.now() + Math.max(wait, (retryAfterSeconds ?? 0) * 1000),
      lastProblem: problem,
    };
  });
}

/**
 * Asks after sent events, oldest first, a few at a time, until one is not counted yet: the views apply events about in
 * the order they were sent, so the later ones are asked after in a next run.
 */
async function checkCounted(org, token) {
  const sent = await outbox.inState(outbox.SENT);
  for (let from = 0; from < sent.length; from += STATUS_AT_ONCE) {
    const answers = await Promise.all(sent.slice(from, from + STATUS_AT_ONCE).map(entry => status(org, token, entry)));
    const effects = new Map(answers.filter(answer => answer?.counted).map(answer => [answer.eventId, answer.effect]));
    await outbox.update([...effects.keys()], entry => ({ state: outbox.COUNTED, effect: effects.get(entry.eventId) }));
    if (effects.size < answers.length) {
      return;
    }
  }
}

/** What became of a sent event; null before the activity log holds it, or on any error. */
async function status(org, token, entry) {
  try {
    const response = await fetch(
      `/api/v1/orgs/${encodeURIComponent(org)}/events/${entry.eventId}`,
      { headers: headers(token), signal: AbortSignal.timeout(TIMEOUT) });
    return response.ok ? { ...(await response.json()), eventId: entry.eventId } : null;
  } catch {
    return null;
  }
}

/** The earliest moment a pending entry is due, for the timer; or null when nothing waits. */
export async function nextDue() {
  const pending = await outbox.inState(outbox.PENDING);
  const sent = await outbox.inState(outbox.SENT);
  if (sent.length) {
    return Date.now() + 3000;
  }
  return pending.length ? Math.max(holdUntil, Math.min(...pending.map(entry => entry.nextAttemptAt))) : null;
}

export function headers(token, extra = {}) {
  return { Authorization: `Bearer ${token}`, 'Accept-Language': i18n.current(), ...extra };
}
