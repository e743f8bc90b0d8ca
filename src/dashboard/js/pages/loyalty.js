// Loyalty: a stub until the /loyalty endpoint (being added on another branch) is in this build.
import { h } from '../dom.js';

export const title = 'Loyalty';

export async function render({ main }) {
  main.replaceChildren(h('div', { class: 'bar' }, h('h2', {}, 'Loyalty')),
    h('p', { id: 'loyalty-stub' }, 'Loyalty figures will appear here once the API serves GET /api/tenants/{tenant}/loyalty; this build does not have that endpoint yet.'));
}
