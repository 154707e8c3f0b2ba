// Where the field app's bearer token comes from. With an OpenID Connect issuer configured (GET /field/config.json):
// the authorization code flow with PKCE as a public client, and the refresh token while online. Without one (the
// local stack today): a token from the link's fragment (#token=..., never sent to a server) or pasted. Tokens are
// kept in local storage, so that a phone that closed the tab need not sign in again; signing out drops them and
// nothing else (the outbox stays). The claims are read, not verified: the server verifies the token on every call.
// Local storage reaches the disk only seconds after it is written (Chromium batches its writes), so a browser killed
// soon after a sign-in would forget it while the outbox, in IndexedDB, survives: the sign-in is also kept beside the
// outbox and taken back from there on start.

import * as outbox from './outbox.js';
import { authorize, discover, redeem, takeVerifier } from './pkce.js';

const TOKENS = 'peer-tracker.field.tokens';
const WHO = 'peer-tracker.field.who';
const PKCE = 'peer-tracker.field.pkce';
const DISCOVERY = 'peer-tracker.field.discovery';
const CONFIG = 'peer-tracker.field.config';
const ID = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/;
const EARLY = 60_000;

let config = { issuer: null, clientId: null, scope: 'openid', claims: { org: 'org', role: 'role', peerId: 'peer_id' } };

/**
 * Reads the sign-in settings and completes a sign-in the issuer sent back. The settings last known are used at once
 * and refreshed in the background, so that a slow or absent network never holds up opening the app.
 */
export async function start() {
  await restore();
  const known = localStorage.getItem(CONFIG);
  if (known) {
    config = { ...config, ...JSON.parse(known) };
  }
  const fresh = fetch('/field/config.json', { cache: 'no-store' })
    .then(response => (response.ok ? response.json() : null))
    .then(answer => {
      if (answer) {
        config = { ...config, ...answer };
        localStorage.setItem(CONFIG, JSON.stringify(config));
      }
    })
    .catch(() => {});
  if (!known) {
    await fresh;
  }
  await takeFromFragment();
  const query = new URLSearchParams(location.search);
  if (query.has('code') && query.has('state')) {
    await fresh;
    try {
      await redeemCode(query.get('code'), query.get('state'));
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  } else if (query.has('error')) {
    history.replaceState(null, '', location.pathname);
    throw new SignInProblem('failed');
  }
}

/**
 * The organisation's time zone, in which the server counts days and months (its "today" is the app's); the phone's
 * own until the settings were read once.
 */
export function zone() {
  return config.zone ?? undefined;
}

export function usesIssuer() {
  return Boolean(config.issuer && config.clientId);
}

/** Sends the browser to the issuer's login page. */
export async function signIn() {
  const endpoints = await discovery();
  await authorize(endpoints.authorization_endpoint, {
    clientId: config.clientId,
    redirectUri: redirectUri(),
    scope: config.scope,
    storageKey: PKCE,
  });
}

/** Drops the tokens; the peer's identity stays known, so that logging into the outbox goes on. */
export function signOut() {
  localStorage.removeItem(TOKENS);
  return remember();
}

export function paste(token) {
  return keep({ access_token: token.trim().replace(/^Bearer\s+/i, '') });
}

/**
 * Who logs: {org, peerId, role} of the last token seen on this device, or null before any. Known while the token is
 * expired or gone, so that a peer offline keeps logging.
 */
export function who() {
  return JSON.parse(localStorage.getItem(WHO) ?? 'null');
}

/**
 * A token to send now: refreshed first when it is about to expire and the issuer gave a refresh token; null while
 * there is no usable one (then events wait in the outbox).
 */
export async function token() {
  const tokens = JSON.parse(localStorage.getItem(TOKENS) ?? 'null');
  if (!tokens) {
    return null;
  }
  const expiresAt = expiry(tokens.access_token);
  if (!tokens.refused && (expiresAt === null || expiresAt - EARLY > Date.now())) {
    return tokens.access_token;
  }
  if (tokens.refresh_token && usesIssuer() && navigator.onLine) {
    try {
      await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      return JSON.parse(localStorage.getItem(TOKENS)).access_token;
    } catch {
      // refused or unreachable: an expired token is no token; the outbox waits for a sign-in, and says so
      localStorage.setItem(TOKENS, JSON.stringify({ ...tokens, refreshFailed: true }));
    }
  }
  return !tokens.refused && expiresAt > Date.now() ? tokens.access_token : null;
}

/** Why there is no usable token: 'none', 'expired', or null when there is one. */
export function problem() {
  const tokens = JSON.parse(localStorage.getItem(TOKENS) ?? 'null');
  if (!tokens) {
    return 'none';
  }
  const expiresAt = expiry(tokens.access_token);
  const unusable = tokens.refused || (expiresAt !== null && expiresAt <= Date.now());
  return unusable && (!tokens.refresh_token || tokens.refreshFailed) ? 'expired' : null;
}

/**
 * The server refused the token (401): it is of no more use, though the phone's clock may still call it valid; with a
 * refresh token, the next {@link token} asks the issuer for a new one instead of sending it again.
 */
export function refused() {
  const tokens = JSON.parse(localStorage.getItem(TOKENS) ?? 'null');
  if (!tokens) {
    return;
  }
  if (tokens.refresh_token) {
    localStorage.setItem(TOKENS, JSON.stringify({ ...tokens, refused: true }));
  } else {
    localStorage.removeItem(TOKENS);
  }
  remember();
}

/** Keeps who signed in and the tokens beside the outbox, where a write is on disk when it completes. */
function remember() {
  return outbox.setMeta('signin', {
    tokens: JSON.parse(localStorage.getItem(TOKENS) ?? 'null'),
    who: JSON.parse(localStorage.getItem(WHO) ?? 'null'),
  }).catch(() => {});
}

/** Takes the sign-in back from beside the outbox when local storage lost it (a browser killed before it wrote). */
async function restore() {
  if (localStorage.getItem(WHO)) {
    return;
  }
  const kept = await outbox.meta('signin').catch(() => null);
  if (kept?.who) {
    localStorage.setItem(WHO, JSON.stringify(kept.who));
    if (kept.tokens) {
      localStorage.setItem(TOKENS, JSON.stringify(kept.tokens));
    }
  }
}

async function takeFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    const token = fragment.get('token').trim();
    // out of the address bar and the tab's history first, whether or not the token can be used
    history.replaceState(null, '', location.pathname + location.search);
    await keep({ access_token: token });
  }
}

async function redeemCode(code, state) {
  const verifier = takeVerifier(PKCE, state);
  if (verifier === null) {
    throw new Error('state');
  }
  await exchange({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: verifier });
}

async function exchange(grant) {
  const endpoints = await discovery();
  const answer = await redeem(endpoints.token_endpoint, config.clientId, grant);
  const previous = JSON.parse(localStorage.getItem(TOKENS) ?? '{}');
  await keep({ access_token: answer.access_token, refresh_token: answer.refresh_token ?? previous.refresh_token });
}

async function discovery() {
  const known = JSON.parse(localStorage.getItem(DISCOVERY) ?? 'null');
  if (known && known.issuer === config.issuer) {
    return known;
  }
  const document = await discover(config.issuer);
  localStorage.setItem(DISCOVERY, JSON.stringify(document));
  return document;
}

/** Keeps a token whose claims name an organisation and a peer; anything else is refused with why. */
function keep(tokens) {
  const claims = decode(tokens.access_token);
  if (!claims) {
    throw new SignInProblem('notAToken');
  }
  const names = config.claims;
  const org = claims[names.org];
  const peerId = claims[names.peerId];
  if (typeof org !== 'string' || !ID.test(org)) {
    throw new SignInProblem('noOrg');
  }
  if (claims[names.role] !== 'peer' || typeof peerId !== 'string' || !ID.test(peerId)) {
    throw new SignInProblem('notAPeer');
  }
  if (expiry(tokens.access_token) !== null && expiry(tokens.access_token) <= Date.now() && !tokens.refresh_token) {
    throw new SignInProblem('expired');
  }
  localStorage.setItem(TOKENS, JSON.stringify(tokens));
  localStorage.setItem(WHO, JSON.stringify({ org, peerId, role: 'peer' }));
  return remember();
}

/** A sign-in that cannot be used; {@code reason} is a key of signin.problem in the catalogue. */
export class SignInProblem extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

function expiry(token) {
  const claims = decode(token);
  return claims && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
}

function decode(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

function redirectUri() {
  return `${location.origin}/field/`;
}
