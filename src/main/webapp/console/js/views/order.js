import { api } from '../api.js';
import { confirmAction } from '../confirm.js';
import { announce, el, facts, replace } from '../dom.js';
import { money, outcome, time } from '../format.js';
import { go, signedInTenant } from '../router.js';

export async function render({ segments }) {
  const [tenantId, orderNo] = segments;
  if (!tenantId || !orderNo) return finder();
  const container = el('div', {});
  await fill(container, tenantId, orderNo);
  return container;
}

function finder() {
  const tenant = signedInTenant();
  const form = el('form', { class: 'filters', 'aria-label': 'Open an order' },
    tenant
      ? el('input', { type: 'hidden', name: 'tenantId', value: tenant })
      : el('div', { class: 'field' }, el('label', { for: 'o-tenant', text: 'Tenant' }), el('input', { id: 'o-tenant', name: 'tenantId', inputmode: 'numeric', required: true, size: 12 })),
    el('div', { class: 'field' }, el('label', { for: 'o-no', text: 'Order number (out_trade_no)' }), el('input', { id: 'o-no', name: 'orderNo', required: true, size: 32 })),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', text: 'Open' })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    go('order', {}, [data.get('tenantId').toString().trim(), data.get('orderNo').toString().trim()]);
  });
  return el('div', {}, el('h1', { text: 'Order' }), el('p', { text: 'Open one order\'s whole story.' }), form);
}

async function fill(container, tenantId, orderNo) {
  const story = await api(`v1/admin/tenants/${encodeURIComponent(tenantId)}/orders/${encodeURIComponent(orderNo)}/story`);
  const o = story.order;
  replace(container,
    el('h1', {}, 'Order ', el('span', { class: 'mono', text: o.orderNo })),
    el('p', { class: 'lead' }, `Tenant ${story.tenantId} · `,
      el('strong', { class: `status status-${o.orderStatus}`, text: `${o.orderStatusLabel} (${o.orderStatus})` }),
      ` · payState ${o.payState}`),
    facts([
      ['Amount', money(o.amountTotal, o.currency)],
      ['Refunded', money(o.refundedAmount, o.currency)],
      ['Description', o.description],
      ['Transaction', o.transactionId],
      ['Paid at', o.paidAt ? time(o.paidAt) : null],
      ['Created', time(o.createdAt)],
      ['Updated', time(o.updatedAt)],
    ]),
    actions(container, story),
    el('h2', { id: 'timeline-title', text: `Timeline (${story.timeline.length})` }),
    el('ol', { class: 'timeline', 'aria-labelledby': 'timeline-title' }, story.timeline.map(entry)));
}

function entry(e) {
  const details = Object.entries(e.details || {}).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? time(v) : v]);
  return el('li', { class: `entry entry-${e.type.toLowerCase()}` },
    el('div', { class: 'entry-head' },
      time(e.at),
      el('span', { class: 'badge', text: e.type.replace('_', ' ').toLowerCase() }),
      el('span', { class: 'entry-title', text: e.title }),
      e.outcome ? (e.type === 'DELIVERY' ? outcome(e.outcome, e.details && e.details.httpStatus) : el('span', { class: 'tag', text: e.outcome })) : null),
    details.length ? facts(details) : null);
}

// Actions appear only when the API offers them for this order (story.actions); each asks first.
function actions(container, story) {
  const o = story.order;
  const base = `v1/tenants/${encodeURIComponent(story.tenantId)}/orders/${encodeURIComponent(o.orderNo)}`;
  const offered = [
    story.actions.sync && ['sync', 'Sync now', 'Ask WeChat Pay for this order\'s state now and apply what it says.'],
    story.actions.close && ['close', 'Close', 'Close this order at WeChat Pay: the customer can no longer pay it.'],
  ].filter(Boolean);
  if (offered.length === 0) return null;
  return el('div', { class: 'row-actions', role: 'group', 'aria-label': 'Order actions' },
    offered.map(([path, label, text]) => el('button', {
      type: 'button',
      text: label,
      onclick: async () => {
        const done = await confirmAction({ title: `${label}: ${o.orderNo}`, text, confirmLabel: label, action: () => api(`${base}/${path}`, { method: 'POST' }) });
        if (done === null) return;
        await fill(container, story.tenantId, o.orderNo);
        announce(`${label}: done`);
      },
    })));
}
