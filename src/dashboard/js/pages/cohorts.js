// Cohorts: logo and revenue retention of each start month by months since start, as heatmaps.
import { getJson, tenantPath } from '../api.js';
import { draw } from '../charts.js';
import { h, panel } from '../dom.js';
import { month as monthText, number, percent } from '../format.js';

export const title = 'Cohorts';

function heatmapOption(rows, metric) {
  const width = Math.max(0, ...rows.map(row => row.retention.length));
  const cells = rows.flatMap((row, y) => row.retention.map((value, x) => [x, y, value === null ? '-' : value]));
  return {
    tooltip: {
      formatter: params => `${monthText(rows[params.value[1]].cohort)} cohort (${number(rows[params.value[1]].size)} customers), month ${params.value[0]}: ${percent(params.value[2])}`,
    },
    grid: { left: 90, right: 20, top: 10, bottom: 100 },
    xAxis: { type: 'category', name: 'Months since start', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: width }, (_, index) => String(index)) },
    yAxis: { type: 'category', inverse: true, data: rows.map(row => monthText(row.cohort)) },
    visualMap: {
      min: 0, max: metric === 'revenue' ? 1.2 : 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      inRange: { color: ['#fbeaea', '#f6d365', '#1f8a4c'] }, formatter: value => percent(value, 0),
    },
    series: [{ name: `${metric} retention`, type: 'heatmap', data: cells, label: { show: false } }],
  };
}

export async function render({ tenant, main, isCurrent }) {
  const [logo, revenue] = await Promise.all(['logo', 'revenue'].map(metric => getJson(tenantPath(tenant, `/cohorts?metric=${metric}`))));
  if (!isCurrent()) return;
  const logoChart = h('div', { class: 'chart', id: 'chart-cohorts-logo', style: 'height: 520px', role: 'img', 'aria-label': 'Logo retention by cohort and months since start' });
  const revenueChart = h('div', { class: 'chart', id: 'chart-cohorts-revenue', style: 'height: 520px', role: 'img', 'aria-label': 'Revenue retention by cohort and months since start' });
  main.replaceChildren(h('div', { class: 'bar' }, h('h2', {}, 'Cohorts')),
    h('div', { class: 'grid2' },
      panel('Logo retention (share of the cohort\'s customers still active)', logoChart),
      panel('Revenue retention (MRR against the cohort\'s starting MRR)', revenueChart)));
  await Promise.all([draw(logoChart, heatmapOption(logo, 'logo')), draw(revenueChart, heatmapOption(revenue, 'revenue'))]);
}
