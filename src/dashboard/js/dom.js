// A few DOM helpers: every text goes through textContent, never innerHTML, so no value from the data can inject markup.

/** Creates an element: h('td', { class: 'num' }, '12'); attributes starting with "on" are event listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * A table: columns are { label, value: row => text|Node, numeric }; an optional caption names it for screen readers,
 * rowClass gives a row's class and rowAttributes more attributes of its tr (such as data-month).
 */
export function table(columns, rows, { caption, rowClass, rowAttributes, id } = {}) {
  return h('table', { id },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label)))),
    h('tbody', {}, rows.map(row => h('tr', { ...(rowAttributes ? rowAttributes(row) : {}), class: rowClass ? rowClass(row) : null },
      columns.map(column => h('td', { class: column.numeric ? 'num' : null, 'data-column': column.key || null }, column.value(row)))))));
}

export function badge(text, kind = text) {
  return h('span', { class: `badge ${kind}` }, text);
}

export function panel(title, ...children) {
  return h('section', { class: 'panel', 'aria-label': title }, h('h3', {}, title), ...children);
}
