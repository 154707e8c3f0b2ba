// The dashboard's sign-in at the organisation's OpenID Connect issuer, when one is configured (GET /field/config.json
// names it and the public client, as for the field app): the authorization code flow with PKCE, no secret. The token
// it gets is kept like a pasted one, in this tab's session storage (token.js); the dashboard asks for no refresh
// token and signs in again when it expires. Without an issuer the page takes a token pasted or from its link.

import { authorize, discover, redeem, takeVerifier } from '/field/pkce.js';

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
  const endpoints = await discover(config.issuer);
  await authorize(endpoints.authorization_endpoint, {
    clientId: config.clientId,
    redirectUri: redirectUri(),
    scope: config.scope ?? 'openid',
    storageKey: PKCE,
  });
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
  const verifier = takeVerifier(PKCE, query.get('state'));
  if (query.has('error') || verifier === null) {
    throw new Error('sign-in');
  }
  const config = await issuer();
  const endpoints = await discover(config.issuer);
  const answer = await redeem(endpoints.token_endpoint, config.clientId, {
    grant_type: 'authorization_code',
    code: query.get('code'),
    redirect_uri: redirectUri(),
    code_verifier: verifier,
  });
  return answer.access_token;
}

function redirectUri() {
  return `${location.origin}/`;
}
