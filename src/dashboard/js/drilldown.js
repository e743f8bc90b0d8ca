// The customers behind one month's movement (GET …/movements/{month}?type=), in a modal dialog.
import { getJson, tenantPath } from './api.js';
import { h, table } from './dom.js';
import { money, month as monthText } from './format.js';

const dialog = document.getElementById('drilldown');
document.getElementById('drilldown-close').addEventListener('click', () => dialog.close());

export const movementTypes = {
  new: 'New', expansion: 'Expansion', reactivation: 'Reactivation', contraction: 'Contraction', churn: 'Churn',
};

export async function openDrillDown(tenant, month, type, currency) {
  const rows = await getJson(tenantPath(tenant, `/movements/${month}?type=${encodeURIComponent(type)}`));
  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  document.getElementById('drilldown-title').textContent =
    `${movementTypes[type]} MRR in ${monthText(month)}: ${rows.length} customers, ${money(total, currency)}`;
  document.getElementById('drilldown-body').replaceChildren(
    h('div', { class: 'scroll' }, table([
      { label: 'Customer', key: 'customerId', value: row => row.customerId },
      { label: 'Name', value: row => row.name ?? '' },
      { label: 'Country', value: row => row.country ?? '' },
      { label: 'Segment', value: row => row.segment ?? '' },
      { label: 'Cohort', value: row => monthText(row.cohort) },
      { label: 'Start MRR', numeric: true, value: row => money(row.startMrr, currency) },
      { label: 'End MRR', numeric: true, value: row => money(row.endMrr, currency) },
      { label: 'Amount', key: 'amount', numeric: true, value: row => money(row.amount, currency) },
      { label: 'Late', value: row => (row.late ? `late (effective ${row.effectiveDate})` : '') },
    ], rows, { caption: `Customers behind the ${type} movement` })));
  dialog.showModal();
  document.getElementById('drilldown-close').focus();
  return rows;
}
