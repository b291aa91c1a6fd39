// The console's URL: #/<view>/<segments>?<filters>. Filters live in the URL so a view can be shared,
// reloaded, and Back returns to the previous one.

export const VIEWS = ['overview', 'deliveries', 'attention', 'order', 'tenants'];

/** What the API told us at sign-in: the user, capabilities, the filter codes. */
export const session = { info: null };

/** The current route: view name, path segments after it, and the query parameters. */
export function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'overview';
  const [path, search = ''] = hash.split('?');
  const [name, ...rest] = path.split('/');
  return {
    name: VIEWS.includes(name) ? name : 'overview',
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
