import { api } from '../api.js';
import { el, svg, table } from '../dom.js';
import { outcome, time } from '../format.js';
import { href } from '../router.js';

export async function render() {
  const summary = await api('v1/admin/overview');
  const attention = summary.needsAttention;
  return el('div', { class: 'overview' },
    el('h1', { text: 'Overview' }),
    el('p', { class: 'lead' }, 'As of ', time(summary.generatedAt), '.'),
    el('section', { class: 'cards', 'aria-label': 'Needs attention' },
      el('a', { class: `card ${attention.groups ? 'card-alert' : ''}`, href: '#/attention' },
        el('span', { class: 'card-number', text: attention.groups }),
        el('span', { text: ` group${attention.groups === 1 ? '' : 's'} need${attention.groups === 1 ? 's' : ''} a person` }),
        el('span', { class: 'card-sub', text: `${attention.occurrences} occurrence${attention.occurrences === 1 ? '' : 's'}` }))),
    summary.windows.map(windowSection),
    summary.sweep ? sweepSection(summary.sweep) : null,
    summary.reconciliation ? reconciliationSection(summary.reconciliation) : null);
}

function windowSection(window) {
  const title = window.name === '24h' ? 'Deliveries, last 24 hours' : 'Deliveries, last 7 days';
  const id = `window-${window.name}`;
  return el('section', { class: 'window', 'aria-labelledby': id },
    el('h2', { id, text: `${title}: ${window.total}` }),
    el('div', { class: 'window-body' },
      chart(window),
      table(
        `${title} by outcome`,
        ['Outcome', 'Deliveries'],
        window.byOutcome.map((o) => [
          el('a', { href: href('deliveries', { outcome: o.outcome, range: window.name }) }, outcome(o.outcome, o.httpClass * 100)),
          String(o.count),
        ]),
        'No deliveries in this window.')));
}

// A stacked bar per bucket: accepted (2xx), refused (4xx), failed (5xx). Each bar has a <title> with its
// numbers, and the table beside the chart holds every number, so the chart is never the only source.
function chart(window) {
  const width = 480;
  const height = 140;
  const bars = window.buckets;
  const max = Math.max(1, ...bars.map((b) => b.ok + b.refused + b.failed));
  const step = width / bars.length;
  const barWidth = Math.max(2, step - 3);
  const hourly = window.bucketSeconds < 86400;
  const graphic = svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height + 18}`, role: 'img',
    'aria-label': `Deliveries per ${hourly ? 'hour' : 'day'}: accepted, refused and failed; numbers in the table beside`,
  });
  bars.forEach((bucket, i) => {
    const x = i * step;
    let y = height;
    const group = svg('g', {},
      svg('title', {}, `${label(bucket.start, hourly)}: ${bucket.ok} accepted, ${bucket.refused} refused, ${bucket.failed} failed`));
    for (const [kind, count] of [['ok', bucket.ok], ['refused', bucket.refused], ['failed', bucket.failed]]) {
      if (!count) continue;
      const h = Math.max(1, (count / max) * (height - 4));
      y -= h;
      group.append(svg('rect', { class: `bar bar-${kind}`, x: x.toFixed(1), y: y.toFixed(1), width: barWidth.toFixed(1), height: h.toFixed(1) }));
    }
    graphic.append(group);
    if (i % (hourly ? 6 : 1) === 0) {
      graphic.append(svg('text', { class: 'axis', x: x.toFixed(1), y: height + 14 }, label(bucket.start, hourly)));
    }
  });
  graphic.append(svg('line', { class: 'baseline', x1: 0, x2: width, y1: height, y2: height }));
  return el('figure', { class: 'chart-figure' },
    graphic,
    el('figcaption', { class: 'legend' },
      el('span', { class: 'key key-ok' }, el('span', { class: 'swatch', 'aria-hidden': 'true', text: '■' }), ' accepted (2xx)'),
      el('span', { class: 'key key-refused' }, el('span', { class: 'swatch', 'aria-hidden': 'true', text: '■' }), ' refused (4xx)'),
      el('span', { class: 'key key-failed' }, el('span', { class: 'swatch', 'aria-hidden': 'true', text: '■' }), ' failed (5xx)')));
}

function label(iso, hourly) {
  const d = new Date(iso);
  return hourly ? `${String(d.getUTCHours()).padStart(2, '0')}:00` : `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
}

// Shown once the API provides them (the sweep and reconciliation land with later issues).
function sweepSection(sweep) {
  return el('section', { 'aria-labelledby': 'sweep-title' },
    el('h2', { id: 'sweep-title', text: 'Sweep backlog' }),
    el('p', {}, `${sweep.due} unpaid order${sweep.due === 1 ? '' : 's'} due a query; oldest due `, time(sweep.oldestDueAt), '.'));
}

function reconciliationSection(days) {
  return el('section', { 'aria-labelledby': 'reconciliation-title' },
    el('h2', { id: 'reconciliation-title', text: 'Last reconciliation per tenant' }),
    table('Last reconciliation per tenant', ['Tenant', 'Day', 'Status'],
      days.map((d) => [String(d.tenantId), d.day, d.status]), 'No reconciliation yet.'));
}
