import { api, query } from '../api.js';
import { announce, el, table } from '../dom.js';
import { duration, orderLink, outcome, time } from '../format.js';
import { go, href, session, signedInTenant } from '../router.js';

const RANGES = { '1h': 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
const FILTERS = ['tenantId', 'outcome', 'eventType', 'range', 'q'];

export async function render({ params }) {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || '']));
  const cursor = params.get('cursor') || '';
  const seconds = RANGES[filters.range];
  // a tenant's key reads its own tenant's listing; the admin's listing spans tenants
  const tenant = signedInTenant();
  const listing = tenant ? `v1/admin/tenants/${encodeURIComponent(tenant)}/deliveries` : 'v1/admin/deliveries';
  const page = await api(`${listing}${query({
    tenantId: tenant ? '' : filters.tenantId,
    outcome: filters.outcome,
    eventType: filters.eventType,
    q: filters.q,
    from: seconds ? new Date(Date.now() - seconds * 1000).toISOString() : '',
    cursor,
  })}`);
  const count = `${page.items.length} deliver${page.items.length === 1 ? 'y' : 'ies'}${page.nextCursor ? ', more below' : ''}`;
  announce(`${count} shown`);
  return el('div', {},
    el('h1', { text: 'Deliveries' }),
    filterForm(filters),
    el('p', { class: 'count', id: 'deliveries-count', text: `${count}${cursor ? ' (an older page)' : ''}.` }),
    table(
      'Deliveries, newest first',
      ['Time', 'Tenant', 'Event', 'Order', 'Outcome', 'HTTP', 'Duration', 'Notification'],
      page.items.map((d) => [
        time(d.receivedAt),
        d.tenantId === null ? '—' : tenant ? String(d.tenantId) : el('a', { href: href('deliveries', { ...filters, tenantId: d.tenantId }) }, String(d.tenantId)),
        d.eventType || '—',
        orderLink(d.tenantId, d.outTradeNo),
        outcome(d.outcome, d.httpStatus),
        String(d.httpStatus),
        duration(d.processingMicros),
        el('span', { class: 'mono', title: d.message || '' }, d.notificationId || '—'),
      ]),
      'No delivery matches these filters.'),
    el('div', { class: 'pager' },
      cursor ? el('a', { href: href('deliveries', filters) }, 'Newest') : null,
      page.nextCursor ? el('a', { href: href('deliveries', { ...filters, cursor: page.nextCursor }) }, 'Older →') : null));
}

function filterForm(filters) {
  const info = session.info || { outcomes: [], eventTypes: [] };
  const field = (id, labelText, control) => el('div', { class: 'field' }, el('label', { for: id, text: labelText }), control);
  const select = (id, name, options, value, anyLabel) => el('select', { id, name },
    el('option', { value: '', text: anyLabel }),
    options.map(([v, t]) => el('option', { value: v, text: t, selected: v === value })));
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter deliveries' },
    field('f-q', 'Search', el('input', { id: 'f-q', name: 'q', type: 'search', value: filters.q, placeholder: 'notification id, out_trade_no, transaction_id, out_refund_no', size: 40 })),
    signedInTenant() ? null : field('f-tenant', 'Tenant', el('input', { id: 'f-tenant', name: 'tenantId', inputmode: 'numeric', value: filters.tenantId, size: 12 })),
    field('f-outcome', 'Outcome', select('f-outcome', 'outcome', info.outcomes.map((o) => [o, o]), filters.outcome, 'any')),
    field('f-event', 'Event type', select('f-event', 'eventType', info.eventTypes.map((e) => [e, e]), filters.eventType, 'any')),
    field('f-range', 'Received', select('f-range', 'range', [['1h', 'last hour'], ['24h', 'last 24 hours'], ['7d', 'last 7 days'], ['30d', 'last 30 days']], filters.range, 'any time')),
    el('div', { class: 'buttons' },
      el('button', { type: 'submit', text: 'Apply' }),
      el('button', { type: 'button', text: 'Clear', onclick: () => go('deliveries') })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    go('deliveries', Object.fromEntries(FILTERS.map((f) => [f, (data.get(f) || '').toString().trim()])));
  });
  return form;
}
