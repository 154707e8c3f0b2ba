// The authorization code flow with PKCE (RFC 7636) for a public client, no secret: the field app's and the
// dashboard's (which imports it from here; the field app's service worker keeps it for offline starts). Each page keeps
// its own settings, storage keys and tokens; this sends the browser to the issuer and redeems what it brings back.

/** How long the issuer may take to answer discovery or a token request (a hung one would hold the app's sync). */
const ISSUER_TIMEOUT = 30_000;

/**
 * Sends the browser to the issuer's authorization endpoint, keeping {verifier, state} under {@code storageKey} in
 * this tab for {@link takeVerifier}.
 */
export async function authorize(endpoint, { clientId, redirectUri, scope, storageKey }) {
  const verifier = random(32);
  const state = random(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(storageKey, JSON.stringify({ verifier, state }));
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(url);
}

/**
 * The verifier this tab kept for a sign-in the issuer sent back with {@code state}, or null when the tab asked for
 * none or for another; either way it is dropped, so that a code is redeemed once.
 */
export function takeVerifier(storageKey, state) {
  const asked = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  sessionStorage.removeItem(storageKey);
  return asked && asked.state === state ? asked.verifier : null;
}

/** The issuer's OpenID Connect discovery document. */
export async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(ISSUER_TIMEOUT),
  });
  if (!response.ok) {
    throw new Error(`discovery: ${response.status}`);
  }
  return response.json();
}

/** Redeems a grant (a code with its verifier, or a refresh token) at the token endpoint; the issuer's answer. */
export async function redeem(endpoint, clientId, grant) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...grant, client_id: clientId }),
    signal: AbortSignal.timeout(ISSUER_TIMEOUT),
  });
  if (!response.ok) {
    throw new Error(`token endpoint: ${response.status}`);
  }
  return response.json();
}

function random(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
