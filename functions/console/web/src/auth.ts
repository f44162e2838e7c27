/**
 * Logging on in AWS: Cognito's hosted UI with the authorization code grant and PKCE (the app client has
 * no secret). Deployed, the bucket holds `/auth-config.json` (infra/aws/console.ts); locally there is
 * none and this module does nothing (the local server's session cookie is the logon).
 * - The tokens live in this module's memory only: never in storage, cookies or URLs. Reloading the page
 *   goes back through Cognito, whose own session makes that quick.
 * - The code comes back in the URL once, is exchanged at `/oauth2/token` (CloudFront forwards it to
 *   Cognito, so the page stays same-origin and the CSP's connect-src 'self' holds) and is removed
 *   from the address bar at once. Only the PKCE verifier and state wait in sessionStorage during the
 *   redirect, and are deleted when it returns.
 * - Every same-origin `/api/` request carries the access token (`Authorization: Bearer`), which the
 *   HTTP API's JWT authorizer checks.
 */

interface AuthConfig {
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

const PENDING = 'rcm-console-logon';
let config: AuthConfig | undefined;
let accessToken: string | undefined;

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** Whether the console logs on through Cognito (deployed) rather than its local session. */
export function usesCognito(): boolean {
  return config !== undefined;
}

/** Sends the browser to Cognito's hosted UI to log on (authorization code with PKCE). */
export async function signIn(): Promise<void> {
  if (!config) return;
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  window.location.assign(`${config.domain}/oauth2/authorize?${query}`);
}

/** Forgets the tokens and ends the Cognito session too, back to the console's start page. */
export function signOut(): void {
  if (!config) return;
  accessToken = undefined;
  const query = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri });
  window.location.assign(`${config.domain}/logout?${query}`);
}

/** Exchanges the code Cognito sent back for tokens, if this page load is that return. */
async function completeSignIn(cfg: AuthConfig): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  const pending = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!code) return;
  // The code leaves the address bar (and the history) before anything else happens.
  window.history.replaceState(null, '', window.location.pathname);
  const { verifier, state } = (pending ? JSON.parse(pending) : {}) as { verifier?: string; state?: string };
  if (!verifier || params.get('state') !== state) return;
  const response = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: cfg.clientId,
      code,
      redirect_uri: cfg.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (response.ok) accessToken = ((await response.json()) as { access_token?: string }).access_token;
}

/**
 * Sets up logging on: reads the deployment's Cognito settings (none locally: nothing to do), finishes a
 * return from Cognito, and adds the access token to the console's API requests.
 */
export function startAuth(): Promise<void> {
  // Once per page load (React's strict mode runs effects twice).
  started ??= begin();
  return started;
}

let started: Promise<void> | undefined;

async function begin(): Promise<void> {
  const response = await fetch('/auth-config.json', { credentials: 'omit' }).catch(() => undefined);
  if (!response?.ok || !(response.headers.get('content-type') ?? '').includes('json')) return;
  config = (await response.json()) as AuthConfig;
  await completeSignIn(config);
  const plainFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (!accessToken || url.origin !== window.location.origin || !url.pathname.startsWith('/api/')) return plainFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('Authorization', `Bearer ${accessToken}`);
    return plainFetch(input, { ...init, headers });
  };
}
