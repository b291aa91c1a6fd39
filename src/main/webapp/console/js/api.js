// The admin API as the console calls it. The credentials live in this module's memory only: never in
// storage, cookies or the URL; signing out (or reloading) forgets them. Every request carries the console
// header, so the API answers a refusal without a Basic challenge (no browser password prompt), and
// credentials: 'omit' keeps any Basic credentials the browser cached elsewhere out of it.

let authorization = null;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.field = body && body.field;
  }
}

export function signIn(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** A tenant's API key instead: the API then answers for that tenant only. */
export function signInWithKey(key) {
  authorization = `Bearer ${key}`;
}

export function signOut() {
  authorization = null;
}

export function signedIn() {
  return authorization !== null;
}

/** Calls the API below /api/; answers the parsed JSON or throws an ApiError. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', 'X-Payment-Console': '1' };
  if (authorization) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`../api/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let data = null;
  if (response.status !== 204) {
    try { data = await response.json(); } catch { data = null; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A query string of the non-empty parameters. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
