import { api, query } from '../api.js';
import { el, table } from '../dom.js';
import { outcome, time } from '../format.js';
import { href } from '../router.js';

export async function render({ params }) {
  const cursor = params.get('cursor') || '';
  const page = await api(`v1/admin/tenants${query({ cursor })}`);
  // API access arrives with the outbound calls to WeChat Pay: a column only once the API reports it
  const withApiAccess = page.tenants.some((t) => 'apiAccess' in t);
  const headers = ['Tenant', 'mchid', 'appid', 'Platform keys', ...(withApiAccess ? ['API access'] : []), 'Last delivery'];
  return el('div', {},
    el('h1', { text: 'Tenants' }),
    el('p', { class: 'lead', text: 'Each tenant\'s merchant account. Keys are shown by serial and validity; no secret ever leaves the service.' }),
    table('Tenants and their merchant accounts', headers,
      page.tenants.map((t) => [
        el('a', { href: href('deliveries', { tenantId: t.tenantId }) }, String(t.tenantId)),
        el('span', { class: 'mono', text: t.mchId }),
        el('span', { class: 'mono', text: t.appId }),
        el('ul', { class: 'keys' }, t.platformKeys.map(key)),
        ...(withApiAccess ? [t.apiAccess ? 'yes' : 'no'] : []),
        t.lastDelivery
          ? el('span', {}, time(t.lastDelivery.at), ' ', outcome(t.lastDelivery.outcome, t.lastDelivery.httpStatus))
          : 'none yet',
      ]),
      'No tenant has a merchant account yet.'),
    page.nextCursor ? el('p', { class: 'pager' }, el('a', { href: href('tenants', { cursor: page.nextCursor }) }, 'More tenants →')) : null);
}

function key(k) {
  const warning = k.expiry === 'EXPIRED' ? ['▲', 'expired'] : k.expiry === 'EXPIRES_SOON' ? ['⚠', 'expires within 30 days'] : null;
  return el('li', { class: warning ? 'key-warning' : '' },
    el('span', { class: 'mono', text: k.serial }), ` (${k.type === 'CERTIFICATE' ? 'certificate' : 'public key'}`,
    k.notAfter ? [', valid until ', time(k.notAfter)] : '', ')',
    warning ? el('strong', { class: 'warning' }, ' ', el('span', { 'aria-hidden': 'true', text: warning[0] }), ` ${warning[1]}`) : null);
}
