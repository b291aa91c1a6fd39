// The console's URL: #/<view>/<segments>?<filters>. Filters live in the URL so a view can be shared,
// reloaded, and Back returns to the previous one.

export const VIEWS = ['overview', 'deliveries', 'attention', 'order', 'tenants'];

/** The views a tenant's key may open: its deliveries and its orders (the API refuses the rest). */
export const TENANT_VIEWS = ['deliveries', 'order'];

/** What the API told us at sign-in: the user, capabilities, the filter codes; tenantId for a tenant's key. */
export const session = { info: null };

/** The tenant a tenant's key signed in for, or null for the admin. */
export function signedInTenant() {
  return session.info && session.info.tenantId ? String(session.info.tenantId) : null;
}

/** The current route: view name, path segments after it, and the query parameters. */
export function route() {
  const views = signedInTenant() ? TENANT_VIEWS : VIEWS;
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : views[0];
  const [path, search = ''] = hash.split('?');
  const [name, ...rest] = path.split('/');
  return {
    name: views.includes(name) ? name : views[0],
    segments: rest.map(decodeURIComponent),
    params: new URLSearchParams(search),
  };
}

/** The hash of a view with these segments and parameters (empty ones left out). */
export function href(name, params = {}, segments = []) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') search.set(k, v);
  const path = [name, ...segments.map(encodeURIComponent)].join('/');
  const text = search.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** Goes to a view (a new history entry, so Back returns). */
export function go(name, params = {}, segments = []) {
  location.hash = href(name, params, segments);
}
