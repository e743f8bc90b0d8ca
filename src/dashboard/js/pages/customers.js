// Customers and value: every customer's value card (GET …/customers) and the model-based value per group (GET …/clv).
import { getJson, tenantPath } from '../api.js';
import { h, panel, table } from '../dom.js';
import { money, month as monthText, months, number, percent } from '../format.js';

export const title = 'Customers & value';

export async function render({ tenant, main, isCurrent }) {
  const [cards, clv] = await Promise.all([getJson(tenantPath(tenant, '/customers?sort=residualClv')), getJson(tenantPath(tenant, '/clv'))]);
  if (!isCurrent()) return;
  const currency = cards[0]?.currency || clv[0]?.currency || 'EUR';
  main.replaceChildren(
    h('div', { class: 'bar' }, h('h2', {}, 'Customers and value'), h('span', {}, `End of ${monthText(cards[0]?.asOf || clv[0]?.asOf)}`)),
    panel('Customer value per group and billing period (sBG)', table([
      { label: 'Group', value: row => `${row.dimension}: ${row.segment}` },
      { label: 'Period', value: row => row.period },
      { label: 'Customers', numeric: true, value: row => number(row.customers) },
      { label: 'Active', numeric: true, value: row => number(row.activeCustomers) },
      { label: 'Expected lifetime', numeric: true, value: row => (row.expectedLifetimePeriods === null ? '—' : `${number(row.expectedLifetimePeriods, 1)} ${row.period}s`) },
      { label: 'Residual CLV', numeric: true, value: row => money(row.residualClv, currency) },
      { label: 'Mean residual CLV', numeric: true, value: row => money(row.meanResidualClv, currency) },
      { label: 'CLV at acquisition', numeric: true, value: row => money(row.clvAtAcquisition, currency) },
      { label: 'CLV:CAC', numeric: true, value: row => number(row.clvToCac, 1) },
      { label: 'Note', value: row => row.note ?? '' },
    ], clv, { caption: 'Customer value per group' })),
    panel(`The ${Math.min(100, cards.length)} most valuable of ${number(cards.length)} customers (by residual CLV)`, h('div', { class: 'scroll' }, table([
      { label: 'Customer', value: card => `${card.customerId} ${card.name ?? ''}` },
      { label: 'Segment', value: card => card.customerSegment ?? '' },
      { label: 'Cohort', value: card => monthText(card.cohort) },
      { label: 'Tenure', numeric: true, value: card => months(card.tenureMonths) },
      { label: 'MRR', numeric: true, value: card => money(card.mrr, currency) },
      { label: 'Revenue to date', numeric: true, value: card => money(card.revenueToDate, currency) },
      { label: 'Residual CLV', numeric: true, value: card => money(card.residualClv, currency) },
      { label: 'P(alive)', numeric: true, value: card => percent(card.probabilityAlive) },
      { label: 'Tier', value: card => card.valueTier ?? '' },
    ], cards.slice(0, 100), { caption: 'Customer value cards' }))));
}
