// The dashboard: a tenant (?tenant=…, or the picker), pages by hash (#overview …), each page a module with render().
import { disposeAll } from './charts.js';
import { ApiError } from './api.js';
import * as overview from './pages/overview.js';
import * as cohorts from './pages/cohorts.js';
import * as concentration from './pages/concentration.js';
import * as segments from './pages/segments.js';
import * as customers from './pages/customers.js';
import * as loyalty from './pages/loyalty.js';
import * as imports from './pages/imports.js';
import * as closes from './pages/closes.js';
import { h } from './dom.js';

const pages = { overview, cohorts, concentration, segments, customers, loyalty, imports, closes };
const main = document.getElementById('page');
const status = document.getElementById('status');
const remembered = 'pipeline.tenants';
let rendering = 0;

export function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function tenant() {
  return new URLSearchParams(location.search).get('tenant');
}

function rememberTenant(id) {
  const known = JSON.parse(localStorage.getItem(remembered) || '[]').filter(other => other !== id);
  localStorage.setItem(remembered, JSON.stringify([id, ...known].slice(0, 10)));
}

function knownTenants() {
  return JSON.parse(localStorage.getItem(remembered) || '[]');
}

function showPicker() {
  disposeAll();
  main.replaceChildren(
    h('h2', {}, 'Choose a tenant'),
    h('p', {}, 'Type a tenant id in the box at the top (for example demo), or pick one opened before:'),
    h('ul', {}, knownTenants().map(id => h('li', {}, h('a', { href: `?tenant=${encodeURIComponent(id)}#overview` }, id)))));
  document.getElementById('tenant-input').focus();
}

async function route() {
  const id = tenant();
  const name = (location.hash || '#overview').slice(1);
  const page = pages[name] || overview;
  document.querySelectorAll('#nav a').forEach(link => {
    if (link.getAttribute('href') === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  document.getElementById('tenant-input').value = id || '';
  document.getElementById('tenant-list').replaceChildren(...knownTenants().map(known => h('option', { value: known })));
  if (!id) {
    showPicker();
    return;
  }

  rememberTenant(id);
  document.title = `Pipeline — ${id} — ${page.title}`;
  const run = ++rendering;
  disposeAll();
  main.replaceChildren(h('p', { class: 'note' }, 'Loading…'));
  say('');
  try {
    const started = performance.now();
    await page.render({ tenant: id, main, say, isCurrent: () => run === rendering });
    if (run === rendering) {
      document.documentElement.dataset.page = name;
      document.documentElement.dataset.renderedMs = String(Math.round(performance.now() - started));
    }
  } catch (error) {
    if (run !== rendering) return;
    const text = error instanceof ApiError
      ? (error.status === 401 || error.status === 403
        ? `The API refused this page (${error.status}): ${error.message} The dashboard never holds a key; sign in, or use a host that allows it.`
        : `The API answered ${error.status}: ${error.message}`)
      : `Something went wrong: ${error.message}`;
    main.replaceChildren(h('p', { class: 'note' }, text));
    say(text, true);
  }
}

document.getElementById('tenant-form').addEventListener('submit', event => {
  event.preventDefault();
  const id = document.getElementById('tenant-input').value.trim();
  if (!id) return;
  const url = new URL(location.href);
  url.searchParams.set('tenant', id);
  history.pushState(null, '', url);
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('popstate', route);
route();
