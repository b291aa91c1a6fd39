// Building the page from data. Everything that comes from the API becomes text (textContent / text
// nodes), never markup: notification fields come from outside and from tenants.

/** An element with attributes (class, text, on<event> handlers, others as attributes) and children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element, as el(). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** Says something to screen-reader users (and shows nothing). */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  // a change of text is what gets announced: clear first, then set on the next frame
  requestAnimationFrame(() => { status.textContent = message; });
}

/** A table with real column headers; rows are arrays of cells (nodes or text). */
export function table(caption, headers, rows, emptyText) {
  if (rows.length === 0) return el('p', { class: 'empty', text: emptyText });
  return el('table', {},
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

/** A definition list of name/value pairs, skipping absent values. */
export function facts(pairs) {
  const list = el('dl', { class: 'facts' });
  for (const [name, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    list.append(el('dt', { text: name }), el('dd', {}, value instanceof Node ? value : String(value)));
  }
  return list;
}
