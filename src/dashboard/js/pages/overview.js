// Overview: MRR and ARR over time (closed months solid, provisional dashed), the month's movements as a waterfall with a
// drill-down to the customers behind each, and the month's KPI tiles.
import { getJson, tenantPath } from '../api.js';
import { colors, draw } from '../charts.js';
import { badge, h, panel, table } from '../dom.js';
import { openDrillDown, movementTypes } from '../drilldown.js';
import { money, moneyShort, month as monthText, months, number, percent } from '../format.js';

export const title = 'Overview';

const tiles = [
  { key: 'mrr', label: 'MRR', value: (row, c) => money(row.mrr, c) },
  { key: 'arr', label: 'ARR', value: (row, c) => money(row.arr, c) },
  { key: 'customers', label: 'Customers', value: row => number(row.customers) },
  { key: 'customerChurnRate', label: 'Customer churn', value: row => percent(row.customerChurnRate) },
  { key: 'grossMrrChurnRate', label: 'Gross MRR churn', value: row => percent(row.grossMrrChurnRate) },
  { key: 'netMrrChurnRate', label: 'Net MRR churn', value: row => percent(row.netMrrChurnRate) },
  { key: 'nrr', label: 'NRR', value: row => percent(row.nrr) },
  { key: 'grr', label: 'GRR', value: row => percent(row.grr) },
  { key: 'quickRatio', label: 'Quick ratio', value: row => number(row.quickRatio, 2) },
  { key: 'arpa', label: 'ARPA', value: (row, c) => money(row.arpa, c) },
  { key: 'ltvToCac', label: 'LTV:CAC', value: row => number(row.ltvToCac, 1) },
  { key: 'cacPaybackMonths', label: 'CAC payback', value: row => months(row.cacPaybackMonths) },
];

function statusBadge(row) {
  return row.status === 'closed' ? badge(`Closed v${row.version}`, 'closed') : badge(row.status === 'provisional' ? 'Provisional' : 'Awaiting data', row.status);
}

/** ARR as a line: closed months solid, provisional months dashed; the two series meet at the last closed month. */
function arrSeries(rows) {
  const lastClosed = rows.map(row => row.status).lastIndexOf('closed');
  return [
    { name: 'ARR (closed)', type: 'line', yAxisIndex: 1, color: colors.arr, lineStyle: { width: 3 }, symbol: 'circle', symbolSize: 6,
      data: rows.map(row => (row.status === 'closed' ? row.arr : null)) },
    { name: 'ARR (provisional)', type: 'line', yAxisIndex: 1, color: colors.arr, lineStyle: { width: 2, type: 'dashed' }, symbol: 'emptyCircle', symbolSize: 7,
      data: rows.map((row, index) => (row.status !== 'closed' || index === lastClosed ? row.arr : null)) },
  ];
}

/** MRR as bars: a closed month solid, a provisional month pale with a dashed outline. */
function mrrSeries(rows) {
  return {
    name: 'MRR', type: 'bar', yAxisIndex: 0, color: colors.closed, barMaxWidth: 28,
    data: rows.map(row => ({
      value: row.mrr,
      itemStyle: row.status === 'closed'
        ? { color: colors.closed }
        : { color: 'rgba(183, 121, 31, 0.25)', borderColor: colors.provisional, borderType: 'dashed', borderWidth: 1.5 },
    })),
  };
}

function trendOption(rows, currency) {
  const firstProvisional = rows.findIndex(row => row.status !== 'closed');
  const series = [mrrSeries(rows), ...arrSeries(rows)];
  if (firstProvisional >= 0) {
    series[0].markArea = {
      silent: true, itemStyle: { color: 'rgba(183, 121, 31, 0.06)' }, label: { color: colors.provisional, position: 'insideTop' },
      data: [[{ name: 'Provisional', xAxis: monthText(rows[firstProvisional].month) }, { xAxis: monthText(rows[rows.length - 1].month) }]],
    };
  }
  return {
    tooltip: {
      trigger: 'axis',
      formatter: params => `${params[0].axisValueLabel} (${rows[params[0].dataIndex].status})<br>`
        + params.filter(item => item.value !== null && item.value !== undefined)
          .map(item => `${item.marker}${item.seriesName}: ${money(typeof item.value === 'object' ? item.value.value : item.value, currency)}`).join('<br>'),
    },
    legend: { top: 0, data: ['MRR', 'ARR (closed)', 'ARR (provisional)'] },
    grid: { left: 70, right: 80, top: 50, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(row => monthText(row.month)) },
    yAxis: [
      { type: 'value', name: 'MRR', axisLabel: { formatter: value => moneyShort(value, currency) } },
      { type: 'value', name: 'ARR', axisLabel: { formatter: value => moneyShort(value, currency) }, splitLine: { show: false } },
    ],
    series,
  };
}

/** The waterfall: start MRR, each movement as a floating bar (gains up, losses down), end MRR. */
function waterfallSteps(row) {
  const steps = [
    { label: 'Start MRR', value: row.startMrr ?? 0, total: true },
    { label: 'New', type: 'new', value: row.newMrr ?? 0 },
    { label: 'Expansion', type: 'expansion', value: row.expansionMrr ?? 0 },
    { label: 'Reactivation', type: 'reactivation', value: row.reactivationMrr ?? 0 },
    { label: 'Contraction', type: 'contraction', value: -(row.contractionMrr ?? 0) },
    { label: 'Churn', type: 'churn', value: -(row.churnedMrr ?? 0) },
    { label: 'FX', value: row.fxImpactMrr ?? 0 },
    { label: 'End MRR', value: row.mrr ?? 0, total: true },
  ];
  let level = 0;
  for (const step of steps) {
    if (step.total) {
      step.base = 0;
      step.height = step.value;
      level = step.value;
    } else {
      step.base = step.value >= 0 ? level : level + step.value;
      step.height = Math.abs(step.value);
      level += step.value;
    }
  }
  return steps;
}

function waterfallOption(steps, currency) {
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: params => {
        const step = steps[params[0].dataIndex];
        return `${step.label}: ${money(step.value, currency)}${step.type ? '<br>Click to see the customers' : ''}`;
      },
    },
    grid: { left: 70, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: steps.map(step => step.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: value => moneyShort(value, currency) } },
    series: [
      { name: 'base', type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: steps.map(step => step.base), tooltip: { show: false } },
      {
        name: 'Movement', type: 'bar', stack: 'w', cursor: 'pointer',
        data: steps.map(step => ({
          value: step.height,
          itemStyle: { color: step.total ? colors.neutral : step.value >= 0 ? colors.gain : colors.loss },
        })),
        label: {
          show: true, position: 'top',
          formatter: params => {
            const step = steps[params.dataIndex];
            return `${step.total ? '' : step.value < 0 ? '−' : '+'}${moneyShort(Math.abs(step.value), currency)}`;
          },
        },
      },
    ],
  };
}

export async function render({ tenant, main, isCurrent }) {
  const all = await getJson(tenantPath(tenant, '/kpis'));
  const rows = all.filter(row => row.status !== 'awaiting-data' && row.mrr !== null);
  if (!isCurrent()) return;
  if (rows.length === 0) {
    main.replaceChildren(h('h2', {}, 'Overview'), h('p', {}, 'No month has figures yet: drop an export on the Imports page.'));
    return;
  }

  const currency = rows[0].currency;
  const select = h('select', { id: 'overview-month' }, rows.map(row => h('option', { value: row.month }, `${monthText(row.month)} (${row.status})`)));
  select.value = rows[rows.length - 1].month;
  const trend = h('div', { class: 'chart', id: 'chart-mrr', role: 'img', 'aria-label': 'MRR (bars) and ARR (line) by month; closed months solid, provisional months pale and dashed' });
  const waterfall = h('div', { class: 'chart', id: 'chart-waterfall', role: 'img', 'aria-label': 'The month\'s MRR movements as a waterfall' });
  const tileList = h('dl', { class: 'tiles', id: 'kpi-tiles' });
  const monthStatus = h('span', { id: 'month-status' });
  const movementButtons = h('div', { class: 'movements', role: 'group', 'aria-label': 'Customers behind a movement' });
  main.replaceChildren(
    h('div', { class: 'bar' },
      h('h2', {}, 'Overview'),
      h('label', { for: 'overview-month' }, 'Month '), select, monthStatus),
    tileList,
    h('div', { class: 'grid2' },
      panel('MRR and ARR', h('p', { class: 'note' }, 'Closed months solid; provisional months pale and dashed, on a shaded background.'), trend,
        h('details', {}, h('summary', {}, 'MRR and ARR as a table'), table([
          { label: 'Month', value: row => monthText(row.month) },
          { label: 'Status', value: statusBadge },
          { label: 'MRR', numeric: true, value: row => money(row.mrr, currency) },
          { label: 'ARR', numeric: true, value: row => money(row.arr, currency) },
        ], rows, { caption: 'MRR and ARR by month', rowClass: row => row.status }))),
      panel('Movements of the month', waterfall, movementButtons)));

  let waterfallChart;
  const show = async monthValue => {
    const row = rows.find(candidate => candidate.month === monthValue);
    monthStatus.replaceChildren(statusBadge(row));
    tileList.replaceChildren(...tiles.map(tile =>
      h('div', { class: 'tile', 'data-kpi': tile.key }, h('dt', {}, tile.label), h('dd', {}, tile.value(row, currency)))));
    movementButtons.replaceChildren(...Object.entries(movementTypes).map(([type, label]) =>
      h('button', { type: 'button', class: 'link', 'data-movement': type, onclick: () => openDrillDown(tenant, row.month, type, currency) },
        `${label} customers`)));
    const steps = waterfallSteps(row);
    const option = waterfallOption(steps, currency);
    if (waterfallChart) {
      waterfallChart.setOption(option);
    } else {
      waterfallChart = await draw(waterfall, option, params => {
        const step = steps[params.dataIndex];
        const current = waterfallSteps(rows.find(candidate => candidate.month === select.value))[params.dataIndex];
        if (step && current.type) openDrillDown(tenant, select.value, current.type, currency);
      });
    }
  };
  select.addEventListener('change', () => show(select.value));
  await Promise.all([draw(trend, trendOption(rows, currency)), show(select.value)]);
}
