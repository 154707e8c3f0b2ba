// Where the page's bearer token comes from: the URL fragment (#token=..., never sent to a server, so never in a
// log), or the sign-in form; kept in this tab's session storage only. The claims are read, not verified: the
// server verifies the token on every call, the page only needs to know the organisation to ask about.

import { t } from './i18n.js';

const KEY = 'peer-tracker.token';
const ORG_KEY = 'peer-tracker.org';
const ID = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/;

/** Takes a token (and an optional org) from the fragment into session storage, and clears the fragment. */
export function takeFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(KEY, token.trim());
    const org = fragment.get('org');
    if (org) {
      sessionStorage.setItem(ORG_KEY, org);
    } else {
      sessionStorage.removeItem(ORG_KEY);
    }
    history.replaceState(null, '', location.pathname + location.search);
  }
}

export function store(token) {
  sessionStorage.setItem(KEY, token.trim().replace(/^Bearer\s+/i, ''));
  sessionStorage.removeItem(ORG_KEY);
}

export function forget() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ORG_KEY);
}

/**
 * The stored token with what the page needs from it: {token, org, role, expiresAt}, or {problem} saying why it
 * cannot be used, or null when there is none.
 */
export function current() {
  const token = sessionStorage.getItem(KEY);
  if (!token) {
    return null;
  }
  let claims;
  try {
    claims = decode(token);
  } catch {
    return { problem: t('dashboard.signIn.notAToken') };
  }
  // an issuer that names the organisation differently can be met with #token=...&org=...
  const org = sessionStorage.getItem(ORG_KEY) ?? claims.org;
  if (typeof org !== 'string' || !ID.test(org)) {
    return { problem: t('dashboard.signIn.noOrg') };
  }
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  if (expiresAt && expiresAt <= new Date()) {
    return { problem: t('dashboard.signIn.expired') };
  }
  return { token, org, role: typeof claims.role === 'string' ? claims.role : null, expiresAt };
}

function decode(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new Error('not a JWT');
  }
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
  const claims = JSON.parse(new TextDecoder().decode(bytes));
  if (claims === null || typeof claims !== 'object') {
    throw new Error('not a JWT');
  }
  return claims;
}
