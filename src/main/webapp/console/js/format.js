import { el } from './dom.js';

/** A time as UTC text, with the relative time beside it; the machine-readable value in datetime. */
export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  const utc = date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return el('time', { datetime: date.toISOString(), title: relative(date) }, utc);
}

export function relative(date) {
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  const ago = seconds >= 0;
  const s = Math.abs(seconds);
  const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86400 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
  return ago ? `${text} ago` : `in ${text}`;
}

// Outcome classes: each has its own icon shape and text, so colour is never the only signal.
const CLASSES = {
  ok: { icon: '✓', label: 'accepted' },
  repeat: { icon: '↻', label: 'already known' },
  refused: { icon: '✕', label: 'refused' },
  flagged: { icon: '⚑', label: 'needs a person' },
  failed: { icon: '▲', label: 'our failure' },
};

export function outcomeClass(outcome, httpStatus) {
  if (outcome && outcome.endsWith('FLAGGED')) return 'flagged';
  if (outcome === 'MISMATCH') return 'flagged';
  if (httpStatus >= 500) return 'failed';
  if (outcome === 'DUPLICATE' || outcome === 'STALE') return 'repeat';
  if (httpStatus >= 200 && httpStatus < 300) return 'ok';
  return 'refused';
}

/** An outcome as icon and text. */
export function outcome(code, httpStatus) {
  const cls = outcomeClass(code, httpStatus);
  return el('span', { class: `outcome outcome-${cls}` },
    el('span', { class: 'icon', 'aria-hidden': 'true', text: CLASSES[cls].icon }),
    el('span', { class: 'visually-hidden', text: `${CLASSES[cls].label}: ` }),
    code || '—');
}

export function money(fen, currency) {
  if (fen === null || fen === undefined) return '—';
  return `${(fen / 100).toFixed(2)} ${currency || ''}`.trim();
}

export function duration(micros) {
  if (micros === null || micros === undefined) return '—';
  return micros < 1000 ? `${micros} µs` : `${(micros / 1000).toFixed(1)} ms`;
}

/** A link to an order's page. */
export function orderLink(tenantId, orderNo) {
  if (!orderNo) return '—';
  if (!tenantId) return orderNo;
  return el('a', { href: `#/order/${encodeURIComponent(tenantId)}/${encodeURIComponent(orderNo)}` }, orderNo);
}
