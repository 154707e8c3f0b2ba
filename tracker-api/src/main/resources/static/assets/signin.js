// The dashboard's sign-in at the organisation's OpenID Connect issuer, when one is configured (GET /field/config.json
// names it and the public client, as for the field app): the authorization code flow with PKCE, no secret. The token
// it gets is kept like a pasted one, in this tab's session storage (token.js); the dashboard asks for no refresh
// token and signs in again when it expires. Without an issuer the page takes a token pasted or from its link.

const PKCE = 'peer-tracker.dashboard.pkce';

let known = null;

/** {issuer, clientId, scope} of the configured issuer, or null when there is none or the settings cannot be read. */
export async function issuer() {
  if (known === null) {
    try {
      const response = await fetch('/field/config.json', { cache: 'no-store' });
      const config = response.ok ? await response.json() : {};
      known = config.issuer && config.clientId ? config : false;
    } catch {
      known = false;
    }
  }
  return known || null;
}

/** Sends the browser to the issuer's login page; it comes back to this page with a code. */
export async function begin() {
  const config = await issuer();
  const endpoints = await discovery(config.issuer);
  const verifier = random(32);
  const state = random(16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope ?? 'openid',
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(url);
}

/**
 * Completes a sign-in the issuer sent back to this page: the access token it gave, or null when the page was not
 * opened by the issuer. Throws when the issuer refused or the answer is not the one this tab asked for (its state).
 * The code leaves the address at once, whatever happens next.
 */
export async function complete() {
  const query = new URLSearchParams(location.search);
  if (!query.has('error') && !(query.has('code') && query.has('state'))) {
    return null;
  }
  history.replaceState(null, '', location.pathname + location.hash);
  const asked = JSON.parse(sessionStorage.getItem(PKCE) ?? 'null');
  sessionStorage.removeItem(PKCE);
  if (query.has('error') || !asked || asked.state !== query.get('state')) {
    throw new Error('sign-in');
  }
  const config = await issuer();
  const endpoints = await discovery(config.issuer);
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: asked.verifier,
      client_id: config.clientId,
    }),
  });
  if (!response.ok) {
    throw new Error(`token endpoint: ${response.status}`);
  }
  return (await response.json()).access_token;
}

async function discovery(issuerUri) {
  const response = await fetch(`${issuerUri.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) {
    throw new Error(`discovery: ${response.status}`);
  }
  return response.json();
}

function redirectUri() {
  return `${location.origin}/`;
}

function random(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
