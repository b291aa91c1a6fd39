// The console: sign-in, navigation and the hash router. Each view is a module that renders into #view
// from the URL's hash (#/deliveries?tenantId=1&outcome=MISMATCH), so a view can be shared and Back works.
import { api, ApiError, signIn, signInWithKey, signOut, signedIn } from './api.js';
import { announce, replace } from './dom.js';
import { route, session, signedInTenant } from './router.js';
import * as overview from './views/overview.js';
import * as deliveries from './views/deliveries.js';
import * as attention from './views/attention.js';
import * as order from './views/order.js';
import * as tenants from './views/tenants.js';

const views = { overview, deliveries, attention, order, tenants };

const signInSection = document.getElementById('sign-in');
const view = document.getElementById('view');
const nav = document.getElementById('nav');
const sessionBox = document.getElementById('session');

let rendering = 0;

async function render() {
  if (!signedIn()) return showSignIn();
  const current = route();
  const token = ++rendering;
  for (const link of nav.querySelectorAll('a[href^="#/"]')) {
    if (link.getAttribute('href') === `#/${current.name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  view.setAttribute('aria-busy', 'true');
  try {
    const content = await views[current.name].render(current);
    if (token !== rendering) return; // a newer navigation won
    replace(view, content);
    const heading = view.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      document.title = `${heading.textContent} · Payments console`;
    }
  } catch (e) {
    if (token !== rendering) return;
    if (e instanceof ApiError && e.status === 401) return expired();
    replace(view, errorBox(e));
    announce(`Error: ${e.message}`);
  } finally {
    view.removeAttribute('aria-busy');
  }
  refreshAttentionCount();
}

function errorBox(e) {
  const box = document.createElement('div');
  box.className = 'error-box';
  box.setAttribute('role', 'alert');
  const h = document.createElement('h1');
  h.textContent = 'Could not load this view';
  const p = document.createElement('p');
  p.textContent = e instanceof ApiError ? `${e.status} ${e.code || ''}: ${e.message}` : String(e.message || e);
  box.append(h, p);
  return box;
}

async function refreshAttentionCount() {
  const badge = document.getElementById('attention-count');
  if (signedInTenant()) return; // the queue spans tenants: the admin's only
  try {
    const { groups } = await api('v1/admin/attention');
    badge.textContent = groups.length ? String(groups.length) : '';
  } catch {
    badge.textContent = '';
  }
}

function showSignIn(message) {
  signInSection.hidden = false;
  view.hidden = true;
  nav.hidden = true;
  sessionBox.hidden = true;
  replace(view);
  document.getElementById('sign-in-error').textContent = message || '';
  document.title = 'Sign in · Payments console';
  document.getElementById('sign-in-user').focus();
}

function expired() {
  signOut();
  session.info = null;
  showSignIn('The API refused the credentials: sign in again.');
}

document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = document.getElementById('sign-in-user');
  const password = document.getElementById('sign-in-password');
  const keyField = document.getElementById('sign-in-key');
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  const key = keyField.value.trim();
  keyField.value = '';
  let path;
  if (key) {
    // the key's public prefix names its tenant; the API checks the key and refuses any other tenant
    const tenant = /^mpay_([1-9][0-9]{0,18})_/.exec(key);
    if (!tenant) {
      error.textContent = 'That is not a tenant API key (mpay_<tenant>_…).';
      keyField.focus();
      return;
    }
    signInWithKey(key);
    path = `v1/admin/tenants/${tenant[1]}/console`;
  } else if (user.value && password.value) {
    signIn(user.value, password.value);
    path = 'v1/admin/console';
  } else {
    error.textContent = 'Enter the admin user and password, or a tenant API key.';
    user.focus();
    return;
  }
  password.value = ''; // kept only inside the API module from here on
  try {
    session.info = await api(path);
  } catch (e) {
    signOut();
    error.textContent = e instanceof ApiError && e.status === 401
      ? (key ? 'Unknown or revoked key.' : 'Wrong user or password.')
      : `Could not sign in: ${e.message}`;
    (key ? keyField : password).focus();
    return;
  }
  // a tenant's key: that tenant's views only (the API refuses the others with 403)
  for (const item of nav.querySelectorAll('[data-admin-only]')) item.hidden = Boolean(signedInTenant());
  document.getElementById('session-user').textContent = session.info.user;
  signInSection.hidden = true;
  view.hidden = false;
  nav.hidden = false;
  sessionBox.hidden = false;
  announce(`Signed in as ${session.info.user}`);
  render();
});

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  session.info = null;
  showSignIn();
  announce('Signed out');
});

window.addEventListener('hashchange', render);
document.addEventListener('attention-changed', refreshAttentionCount);
showSignIn();
