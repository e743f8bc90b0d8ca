// Closes: each month's status, version, who closed it and when, pending restatement and the audit trail; close every
// open month through one, or reopen a closed month with a required reason.
import { getJson, postJson, tenantPath } from '../api.js';
import { badge, h, panel, table } from '../dom.js';
import { dateTime, money, month as monthText } from '../format.js';

export const title = 'Closes';

function currentMonth() {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A month's status: closed, reopened (provisional again, its earlier versions kept), provisional or awaiting data. */
function statusOf(row) {
  if (row.status === 'closed') return badge('Closed', 'closed');
  if (row.record?.status === 'Reopened') return badge('Reopened', 'Reopened');
  return row.status === 'provisional' ? badge('Provisional', 'provisional') : badge('Awaiting data', 'awaiting-data');
}

async function showMonth(tenant, monthValue, target) {
  const state = await getJson(tenantPath(tenant, `/closes/${monthValue}`));
  const currency = state.currency || 'EUR';
  target.replaceChildren(panel(`Close of ${monthText(monthValue)}`,
    h('p', {}, 'Status ', badge(state.status), ` · version ${state.version}`,
      state.closedBy ? ` · closed by ${state.closedBy} on ${dateTime(state.closedAt)}` : '',
      ' · pending restatement: ', h('strong', { id: 'pending-restatement' },
        state.pendingRestatementDelta === null ? 'none' : money(state.pendingRestatementDelta, currency))),
    h('h4', {}, 'Audit trail'),
    table([
      { label: 'When', value: entry => dateTime(entry.at) },
      { label: 'What', key: 'kind', value: entry => entry.kind },
      { label: 'Version', numeric: true, value: entry => entry.version },
      { label: 'Who', key: 'by', value: entry => entry.by },
      { label: 'Reason', key: 'reason', value: entry => entry.reason ?? '' },
      { label: 'MRR delta', numeric: true, value: entry => (entry.mrrDelta === null ? '' : money(entry.mrrDelta, currency)) },
    ], state.audit, { caption: `Audit trail of ${monthValue}` })));
}

export async function render({ tenant, main, isCurrent, say }) {
  const detail = h('div', { id: 'close-detail', 'aria-live': 'polite' });
  const listBox = h('div', { id: 'closes-list' });
  const closeSelect = h('select', { id: 'close-through', required: true });
  const reopenSelect = h('select', { id: 'reopen-month', required: true });
  const reason = h('input', { id: 'reopen-reason', required: true, minlength: '3', size: '40', placeholder: 'for example: late credit note for customer X' });
  const outcome = h('p', { id: 'close-outcome', role: 'status', 'aria-live': 'polite' });

  const closeForm = h('form', { class: 'inline', id: 'close-form' },
    h('label', {}, 'Close every open month through', closeSelect), h('button', { type: 'submit' }, 'Close'));
  const reopenForm = h('form', { class: 'inline', id: 'reopen-form' },
    h('label', {}, 'Reopen month (and every later closed month)', reopenSelect),
    h('label', {}, 'Reason (required)', reason), h('button', { type: 'submit' }, 'Reopen'));

  const refresh = async () => {
    const [kpis, closes] = await Promise.all([getJson(tenantPath(tenant, '/kpis')), getJson(tenantPath(tenant, '/closes'))]);
    const records = new Map(closes.map(record => [record.month, record]));
    const rows = kpis.map(row => ({ ...row, record: records.get(row.month) }));
    // The pending restatement (MRR at the month end from the ledger now − locked) is on each closed month's own close.
    await Promise.all(rows.filter(row => row.status === 'closed').map(async row => {
      row.pending = (await getJson(tenantPath(tenant, `/closes/${row.month}`))).pendingRestatementDelta;
    }));
    const ended = rows.filter(row => row.month < currentMonth());
    closeSelect.replaceChildren(...ended.filter(row => row.status !== 'closed').map(row => h('option', { value: row.month }, monthText(row.month))));
    reopenSelect.replaceChildren(...rows.filter(row => row.status === 'closed').reverse().map(row => h('option', { value: row.month }, monthText(row.month))));
    listBox.replaceChildren(table([
      { label: 'Month', key: 'month', value: row => h('button', { type: 'button', class: 'link', onclick: () => showMonth(tenant, row.month, detail) }, monthText(row.month)) },
      { label: 'Status', key: 'status', value: statusOf },
      { label: 'Version', numeric: true, value: row => (row.record ? row.record.version : '') },
      { label: 'Closed by', key: 'closedBy', value: row => row.record?.closedBy ?? '' },
      { label: 'Closed at', value: row => (row.record ? dateTime(row.record.closedAt) : '') },
      { label: 'Pending restatement', numeric: true, key: 'pending', value: row => (row.status !== 'closed' ? '' : row.pending === null || row.pending === undefined ? 'none' : money(row.pending, row.currency)) },
      { label: 'MRR', numeric: true, value: row => money(row.mrr, row.currency) },
      { label: 'Note', value: row => row.record?.warning ?? '' },
    ], [...rows].reverse(), { caption: 'Months and their closes', rowClass: row => row.status }));
  };

  closeForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const answer = await postJson(tenantPath(tenant, `/closes/${closeSelect.value}`));
      outcome.textContent = answer.closedNow.length
        ? `Closed ${answer.closedNow.map(monthText).join(', ')}.` : `Every month through ${monthText(answer.through)} was closed already.`;
      await refresh();
      await showMonth(tenant, answer.through, detail);
    } catch (error) {
      outcome.textContent = `Not closed: ${error.message}`;
    }
  });
  reopenForm.addEventListener('submit', async event => {
    event.preventDefault();
    if (!reason.value.trim()) {
      outcome.textContent = 'A reopen needs a reason.';
      reason.focus();
      return;
    }
    try {
      const answer = await postJson(tenantPath(tenant, `/closes/${reopenSelect.value}/reopen`), { reason: reason.value.trim() });
      outcome.textContent = `Reopened ${answer.reopened.map(monthText).join(', ')} (reason: ${answer.reason}).`;
      reason.value = '';
      await refresh();
      await showMonth(tenant, answer.month, detail);
    } catch (error) {
      outcome.textContent = `Not reopened: ${error.message}`;
    }
  });

  main.replaceChildren(h('div', { class: 'bar' }, h('h2', {}, 'Closes')),
    panel('Close and reopen', closeForm, reopenForm, outcome), h('div', { class: 'closes-grid' }, panel('Months', listBox), detail));
  await refresh();
  if (!isCurrent()) return;
  say('');
}
