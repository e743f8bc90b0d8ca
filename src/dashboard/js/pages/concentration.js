// Concentration: the Pareto (Lorenz) curve of MRR over customers with the 80/20 point, the top customers and the Gini.
import { getJson, tenantPath } from '../api.js';
import { colors, draw } from '../charts.js';
import { h, panel, table } from '../dom.js';
import { money, month as monthText, number, percent } from '../format.js';

export const title = 'Concentration';

/** Cumulative share of MRR (y) held by the largest x share of customers, largest first, from (0,0) to (1,1). */
function paretoPoints(amounts) {
  const sorted = [...amounts].sort((a, b) => b - a);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  let running = 0;
  return [[0, 0], ...sorted.map((value, index) => { running += value; return [(index + 1) / sorted.length, running / total]; })];
}

export async function render({ tenant, main, isCurrent }) {
  const [kpis, cards] = await Promise.all([getJson(tenantPath(tenant, '/kpis')), getJson(tenantPath(tenant, '/customers?sort=mrr'))]);
  if (!isCurrent()) return;
  const asOf = cards[0]?.asOf;
  const row = kpis.find(candidate => candidate.month === asOf) || kpis.filter(candidate => candidate.mrr !== null).at(-1);
  const paying = cards.filter(card => card.mrr > 0);
  const currency = row?.currency || paying[0]?.currency || 'EUR';
  const points = paretoPoints(paying.map(card => card.mrr));
  const eighty = points.find(point => point[1] >= 0.8) || [1, 1];
  const curve = h('div', { class: 'chart', id: 'chart-pareto', role: 'img', 'aria-label': 'Share of MRR held by the largest customers (Pareto curve) with the 80/20 point' });
  const facts = [
    ['Gini', number(row?.gini, 2)], ['Top 20 % of customers hold', percent(row?.top20PercentShare)],
    ['Customers holding 80 % of MRR', percent(row?.customerFractionFor80Percent)], ['Top 10 customers hold', percent(row?.top10Share)],
    ['Herfindahl', number(row?.herfindahl, 4)],
  ];
  main.replaceChildren(
    h('div', { class: 'bar' }, h('h2', {}, 'Concentration'), h('span', {}, `End of ${monthText(asOf)}, ${number(paying.length)} paying customers`)),
    h('dl', { class: 'tiles', id: 'concentration-tiles' }, facts.map(([label, value]) => h('div', { class: 'tile' }, h('dt', {}, label), h('dd', {}, value)))),
    h('div', { class: 'grid2' },
      panel('Pareto (Lorenz) curve of MRR', curve),
      panel('Top customers by MRR', table([
        { label: '#', numeric: true, value: card => number(paying.indexOf(card) + 1) },
        { label: 'Customer', value: card => `${card.customerId} ${card.name ?? ''}` },
        { label: 'Segment', value: card => card.customerSegment ?? '' },
        { label: 'MRR', numeric: true, value: card => money(card.mrr, currency) },
        { label: 'Share', numeric: true, value: card => percent(card.mrr / paying.reduce((sum, other) => sum + other.mrr, 0)) },
      ], paying.slice(0, 15), { caption: 'The 15 customers with the most MRR' }))));
  await draw(curve, {
    tooltip: { trigger: 'axis', valueFormatter: value => percent(value) },
    grid: { left: 60, right: 45, top: 35, bottom: 50 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'Share of customers, largest first', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: value => percent(value, 0) } },
    yAxis: { type: 'value', min: 0, max: 1, name: 'Share of MRR', axisLabel: { formatter: value => percent(value, 0) } },
    series: [
      {
        name: 'Cumulative share of MRR', type: 'line', showSymbol: false, data: points, color: colors.closed, areaStyle: { opacity: 0.12 },
        markPoint: {
          symbol: 'circle', symbolSize: 10, label: { position: 'left', color: '#1d2433', formatter: () => `${percent(eighty[0], 0)} of customers hold ${percent(0.8, 0)} of MRR` },
          data: [{ name: '80/20 point', coord: eighty }],
        },
        markLine: {
          symbol: 'none', lineStyle: { type: 'dashed', color: colors.provisional }, label: { formatter: params => percent(params.value, 0) },
          data: [{ yAxis: 0.8 }, { xAxis: eighty[0] }],
        },
      },
      { name: 'Equal shares', type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], color: colors.neutral, lineStyle: { type: 'dotted' } },
    ],
  });
}
