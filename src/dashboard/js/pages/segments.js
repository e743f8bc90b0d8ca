// Segments: one by= dimension's segments side by side, for a month and over time.
import { getJson, tenantPath } from '../api.js';
import { draw } from '../charts.js';
import { h, panel, table } from '../dom.js';
import { money, moneyShort, month as monthText, number, percent } from '../format.js';

export const title = 'Segments';

const dimensions = ['plan', 'product', 'currency', 'country', 'channel', 'segment', 'tier', 'band', 'valueSegment'];

export async function render({ tenant, main, isCurrent }) {
  const select = h('select', { id: 'segment-dimension' }, dimensions.map(name => h('option', { value: name }, name)));
  select.value = new URLSearchParams(location.search).get('by') || 'segment';
  const content = h('div', {});
  main.replaceChildren(h('div', { class: 'bar' }, h('h2', {}, 'Segments'), h('label', { for: 'segment-dimension' }, 'Dimension '), select), content);

  const show = async () => {
    const rows = (await getJson(tenantPath(tenant, `/kpis?by=${select.value}`))).filter(row => row.mrr !== null);
    if (!isCurrent()) return;
    const monthsShown = [...new Set(rows.map(row => row.month))].sort();
    const latest = monthsShown.at(-1);
    const segmentNames = [...new Set(rows.map(row => row.segment))].sort();
    const current = rows.filter(row => row.month === latest).sort((a, b) => b.mrr - a.mrr);
    const currency = rows[0]?.currency || 'EUR';
    const bars = h('div', { class: 'chart', id: 'chart-segments-month', role: 'img', 'aria-label': `MRR by ${select.value} in ${latest}` });
    const lines = h('div', { class: 'chart', id: 'chart-segments-trend', role: 'img', 'aria-label': `MRR by ${select.value} over time` });
    content.replaceChildren(
      h('div', { class: 'grid2' }, panel(`MRR by ${select.value}, ${monthText(latest)}`, bars), panel(`MRR by ${select.value} over time`, lines)),
      panel(`${select.value} side by side, ${monthText(latest)}`, table([
        { label: select.value, value: row => row.segment },
        { label: 'MRR', numeric: true, value: row => money(row.mrr, currency) },
        { label: 'Customers', numeric: true, value: row => number(row.customers) },
        { label: 'New MRR', numeric: true, value: row => money(row.newMrr, currency) },
        { label: 'Churned MRR', numeric: true, value: row => money(row.churnedMrr, currency) },
        { label: 'Customer churn', numeric: true, value: row => percent(row.customerChurnRate) },
        { label: 'NRR', numeric: true, value: row => percent(row.nrr) },
        { label: 'ARPA', numeric: true, value: row => money(row.arpa, currency) },
      ], current, { caption: `Segments of ${select.value}` })));
    const axis = { type: 'value', axisLabel: { formatter: value => moneyShort(value, currency) } };
    await Promise.all([
      draw(bars, {
        tooltip: { valueFormatter: value => money(value, currency) }, grid: { left: 120, right: 20, top: 10, bottom: 30 },
        xAxis: axis, yAxis: { type: 'category', inverse: true, data: current.map(row => row.segment) },
        series: [{ name: 'MRR', type: 'bar', data: current.map(row => row.mrr), color: '#2f5bd3' }],
      }),
      draw(lines, {
        tooltip: { trigger: 'axis', valueFormatter: value => money(value, currency) }, legend: { top: 0, type: 'scroll' },
        grid: { left: 70, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: monthsShown.map(monthText) }, yAxis: axis,
        series: segmentNames.map(name => ({
          name, type: 'line', showSymbol: false,
          data: monthsShown.map(monthValue => rows.find(row => row.month === monthValue && row.segment === name)?.mrr ?? null),
        })),
      }),
    ]);
  };
  select.addEventListener('change', () => { show(); });
  await show();
}
