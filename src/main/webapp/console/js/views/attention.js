import { api } from '../api.js';
import { confirmAction } from '../confirm.js';
import { announce, el, replace, table } from '../dom.js';
import { orderLink, time } from '../format.js';
import { href } from '../router.js';

export async function render() {
  const container = el('div', {});
  await fill(container);
  return container;
}

async function fill(container) {
  const [{ groups }, { actions }] = await Promise.all([
    api('v1/admin/attention'),
    api('v1/admin/attention/actions?limit=20'),
  ]);
  replace(container,
    el('h1', { text: 'Needs attention' }),
    el('p', { class: 'lead', text: 'Everything a person must look at, by tenant and kind, since the group was last resolved. A resolution covers what happened so far; anything later opens the group again.' }),
    el('p', { class: 'count', id: 'attention-summary', text: `${groups.length} group${groups.length === 1 ? '' : 's'}.` }),
    table(
      'Groups that need a person',
      ['Tenant', 'Kind', 'Count', 'First seen', 'Last seen', 'State', 'Orders', 'Actions'],
      groups.map((g) => [
        el('a', { href: href('deliveries', { tenantId: g.tenantId }) }, String(g.tenantId)),
        el('span', {}, el('strong', { text: g.kind }), el('br'), el('span', { class: 'muted', text: g.description })),
        String(g.count),
        time(g.firstSeen),
        time(g.lastSeen),
        state(g),
        g.orderNos.length ? g.orderNos.map((no, i) => [i ? ', ' : '', orderLink(g.tenantId, no)]) : '—',
        el('div', { class: 'row-actions' },
          g.state === 'OPEN' ? button(container, g, 'ACKNOWLEDGE', 'Acknowledge') : null,
          button(container, g, 'RESOLVE', 'Resolve')),
      ]),
      'Nothing needs a person.'),
    el('h2', { text: 'What people did' }),
    table(
      'Acknowledgements and resolutions, newest first',
      ['Time', 'Tenant', 'Kind', 'Action', 'By', 'Note'],
      actions.map((a) => [time(a.at), String(a.tenantId), a.kind, a.action, a.actor, el('span', { class: 'note', text: a.note })]),
      'Nobody has acknowledged or resolved anything yet.'));
}

function state(group) {
  if (group.state === 'ACKNOWLEDGED') {
    const a = group.lastAction;
    return el('span', { class: 'state state-ack' },
      el('span', { class: 'icon', 'aria-hidden': 'true', text: '◐' }), ' acknowledged by ', a.actor, ' ', time(a.at),
      el('br'), el('span', { class: 'note', text: `“${a.note}”` }));
  }
  return el('span', { class: 'state state-open' }, el('span', { class: 'icon', 'aria-hidden': 'true', text: '●' }), ' open');
}

function button(container, group, action, label) {
  return el('button', {
    type: 'button',
    text: label,
    'aria-label': `${label} ${group.kind} in tenant ${group.tenantId}`,
    onclick: async () => {
      const done = await confirmAction({
        title: `${label} ${group.kind} in tenant ${group.tenantId}`,
        text: `${group.count} occurrence${group.count === 1 ? '' : 's'}, last seen ${new Date(group.lastSeen).toISOString()}. ${action === 'RESOLVE' ? 'The group closes until something new happens.' : 'The group stays listed, marked as taken.'}`,
        withNote: true,
        confirmLabel: label,
        action: (note) => api(`v1/admin/attention/${encodeURIComponent(group.tenantId)}/${encodeURIComponent(group.kind)}`,
          { method: 'POST', body: { action, note } }),
      });
      if (done === null) return;
      await fill(container);
      document.dispatchEvent(new Event('attention-changed')); // the count in the navigation
      announce(`${group.kind} in tenant ${group.tenantId} ${action === 'RESOLVE' ? 'resolved' : 'acknowledged'}`);
      container.querySelector('h1').focus();
    },
  });
}
