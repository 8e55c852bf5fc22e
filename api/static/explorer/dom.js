/* Building DOM from data without innerHTML: text is always text. */

/** An element with attributes (class, href, ...) and children (nodes, text, arrays, null). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(function ([key, value]) {
    if (value === null || value === undefined || value === false) return;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

export function percent(share) {
  if (share === null || share === undefined) return 'unknown';
  return share < 0.01 ? (share * 100).toFixed(2) + '%' : (share * 100).toFixed(1) + '%';
}

export function number(value) {
  return value === null || value === undefined ? 'unknown' : Number(value).toLocaleString('en-GB');
}

/** Sources of a fact: each source (linked if public), its locator and its confidence. */
export function provenance(items) {
  if (!items || !items.length) return h('span', { class: 'note' }, 'no source recorded');
  return h('ul', { class: 'provenance' }, items.map(function (p) {
    const source = /^https?:/.test(p.source) ? h('a', { href: p.source, rel: 'external' }, p.source) : p.source;
    const confidence = String(p.confidence).toLowerCase();
    return h('li', null, source, p.locator ? ', ' + p.locator : '', ' ',
      h('span', { class: 'confidence ' + confidence }, confidence));
  }));
}

/** A table with a caption, header cells and rows of cells (nodes or text). */
export function table(caption, headers, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map(function (x) { return h('th', { scope: 'col' }, x); }))),
    h('tbody', null, rows.map(function (r) { return h('tr', null, r.map(function (c) { return h('td', null, c); })); })));
}
