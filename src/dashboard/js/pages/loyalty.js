// Loyalty: the survey answers joined to revenue (GET …/loyalty, METRICS §9) — NPS, revenue-weighted NPS and the
// twelve-month NPS over time, promoters, passives and detractors per month, and the monthly figures as a table; for all
// customers or one segment of a by= dimension. A month without responses has no NPS: a gap in the data, never 0.
import { getJson, tenantPath } from '../api.js';
import { colors, draw } from '../charts.js';
import { badge, h, panel, table } from '../dom.js';
import { dash, money, month as monthText, number, percent } from '../format.js';

export const title = 'Loyalty';

const dimensions = ['plan', 'product', 'currency', 'country', 'channel', 'segment', 'tier', 'band'];

const npsSeries = [
  { key: 'nps', label: 'NPS', color: colors.closed },
  { key: 'revenueWeightedNps', label: 'Revenue-weighted NPS', color: colors.arr },
  { key: 'nps12', label: 'NPS (12 months)', color: colors.gain },
];

const categories = [
  { key: 'promoters', label: 'Promoters', color: colors.gain },
  { key: 'passives', label: 'Passives', color: colors.neutral },
  { key: 'detractors', label: 'Detractors', color: colors.loss },
];

const nps = value => number(value, 1);

function statusBadge(row) {
  return row.status === 'closed' ? badge(`Closed v${row.version}`, 'closed') : badge(row.status === 'provisional' ? 'Provisional' : 'Awaiting data', row.status);
}

function columns(currency) {
  // Short headers under "Churn within 3 (6) months", the category's full name in the abbreviation's title.
  const churn = (key, label, short) => ({ key, label: h('abbr', { title: label }, short), numeric: true, value: row => percent(row[key]) });
  return [
    { key: 'month', label: 'Month', value: row => monthText(row.month) },
    { key: 'status', label: 'Status', value: statusBadge },
    { key: 'responses', label: 'Responses', numeric: true, value: row => number(row.responses) },
    { key: 'nps', label: 'NPS', numeric: true, value: row => nps(row.nps) },
    { key: 'revenueWeightedNps', label: 'Revenue-weighted NPS', numeric: true, value: row => nps(row.revenueWeightedNps) },
    { key: 'nps12', label: 'NPS (12 months)', numeric: true, value: row => nps(row.nps12) },
    { key: 'sameSolutionShare', label: 'Same solution', numeric: true, value: row => percent(row.sameSolutionShare) },
    { key: 'sameProviderShare', label: 'Same provider', numeric: true, value: row => percent(row.sameProviderShare) },
    { key: 'loyalShare', label: 'Loyal', numeric: true, value: row => percent(row.loyalShare) },
    { key: 'captiveCustomers', label: 'Captive customers', numeric: true, value: row => number(row.captiveCustomers) },
    { key: 'captiveMrr', label: 'Captive MRR', numeric: true, value: row => money(row.captiveMrr, currency) },
    churn('promoterChurn3', 'Promoters', 'Prom.'),
    churn('passiveChurn3', 'Passives', 'Pass.'),
    churn('detractorChurn3', 'Detractors', 'Detr.'),
    churn('promoterChurn6', 'Promoters', 'Prom.'),
    churn('passiveChurn6', 'Passives', 'Pass.'),
    churn('detractorChurn6', 'Detractors', 'Detr.'),
  ];
}

/** The figures' table with a header row above the churn columns: "Churn within 3 months", "… 6 months". */
function figuresTable(columnList, rows, options) {
  const element = table(columnList, rows, options);
  const churnColumns = columnList.filter(column => /Churn\d$/.test(column.key)).length;
  const groups = h('tr', {},
    h('td', { colspan: columnList.length - churnColumns }),
    h('th', { scope: 'colgroup', colspan: churnColumns / 2, class: 'group' }, 'Churn within 3 months'),
    h('th', { scope: 'colgroup', colspan: churnColumns / 2, class: 'group' }, 'Churn within 6 months'));
  element.tHead.prepend(groups);
  element.classList.add('loyalty');
  return element;
}

/** The shaded band over the provisional months, as on the overview. */
function provisionalBand(rows) {
  const first = rows.findIndex(row => row.status !== 'closed');
  if (first < 0) return undefined;
  return {
    silent: true, itemStyle: { color: 'rgba(183, 121, 31, 0.06)' }, label: { color: colors.provisional, position: 'insideTop' },
    data: [[{ name: 'Provisional', xAxis: monthText(rows[first].month) }, { xAxis: monthText(rows.at(-1).month) }]],
  };
}

/**
 * One NPS figure as two lines of the same name (so the legend toggles both): closed months solid, provisional months
 * dashed, meeting at the last closed month with a figure. A month without responses is null: skipped, never drawn as 0.
 */
function lineSeries(rows, { key, label, color }) {
  const join = rows.reduce((last, row, index) => (row.status === 'closed' && row[key] !== null ? index : last), -1);
  const common = { name: label, type: 'line', color, connectNulls: true, symbolSize: 7 };
  return [
    { ...common, lineStyle: { width: 2.5 }, symbol: 'circle', data: rows.map(row => (row.status === 'closed' ? row[key] : null)) },
    { ...common, lineStyle: { width: 2, type: 'dashed' }, symbol: 'emptyCircle', data: rows.map((row, index) => (row.status !== 'closed' || index === join ? row[key] : null)) },
  ];
}

function npsOption(rows) {
  const series = npsSeries.flatMap(figure => lineSeries(rows, figure));
  series[0].markArea = provisionalBand(rows);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: params => {
        const row = rows[params[0].dataIndex];
        return `${params[0].axisValueLabel} (${row.status}, ${number(row.responses)} responses)<br>`
          + npsSeries.map(figure => `${figure.label}: ${nps(row[figure.key])}`).join('<br>');
      },
    },
    legend: { top: 0, data: npsSeries.map(figure => figure.label) },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(row => monthText(row.month)) },
    yAxis: { type: 'value', min: -100, max: 100, interval: 50, axisLabel: { formatter: value => number(value) } },
    series,
  };
}

/** Promoters, passives and detractors stacked per month: closed months solid, provisional months pale with a dashed outline. */
function categoryOption(rows) {
  const series = categories.map(category => ({
    name: category.label, type: 'bar', stack: 'answers', color: category.color, barMaxWidth: 28,
    data: rows.map(row => ({
      value: row[category.key],
      itemStyle: row.status === 'closed'
        ? { color: category.color }
        : { color: category.color, opacity: 0.35, borderColor: category.color, borderType: 'dashed', borderWidth: 1.5 },
    })),
  }));
  series[0].markArea = provisionalBand(rows);
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: params => {
        const row = rows[params[0].dataIndex];
        return `${params[0].axisValueLabel} (${row.status})<br>`
          + categories.map(category => `${category.label}: ${number(row[category.key])}`).join('<br>')
          + `<br>Responses: ${number(row.responses)}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(row => monthText(row.month)) },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: value => number(value) } },
    series,
  };
}

/** The segments of a by= dimension, most responses first. */
function segmentsOf(rows) {
  const totals = new Map();
  for (const row of rows) totals.set(row.segment, (totals.get(row.segment) || 0) + row.responses);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([segment]) => segment);
}

export async function render({ tenant, main, say, isCurrent }) {
  const bySelect = h('select', { id: 'loyalty-by' },
    h('option', { value: '' }, 'All customers'), dimensions.map(name => h('option', { value: name }, name)));
  const requested = new URLSearchParams(location.search).get('by');
  bySelect.value = dimensions.includes(requested) ? requested : '';
  const segmentSelect = h('select', { id: 'loyalty-segment' });
  const segmentLabel = h('label', { for: 'loyalty-segment' }, 'Segment ');
  const content = h('div', {});
  main.replaceChildren(
    h('div', { class: 'bar' },
      h('h2', {}, 'Loyalty'),
      h('label', { for: 'loyalty-by' }, 'Cut by '), bySelect,
      segmentLabel, segmentSelect),
    content);

  let all = [];
  let currency = 'EUR';
  const showSegment = async () => {
    const segment = segmentSelect.value;
    const rows = bySelect.value ? all.filter(row => row.segment === segment) : all;
    const who = bySelect.value ? `${bySelect.value} ${segment}` : 'all customers';
    const trend = h('div', {
      class: 'chart', id: 'chart-loyalty-nps', role: 'img',
      'aria-label': `NPS, revenue-weighted NPS and twelve-month NPS by month for ${who}; closed months solid, provisional months dashed; months without responses skipped`,
    });
    const answers = h('div', {
      class: 'chart', id: 'chart-loyalty-answers', role: 'img',
      'aria-label': `Promoters, passives and detractors by month for ${who}; provisional months pale with a dashed outline`,
    });
    const withAnswers = rows.filter(row => row.responses > 0);
    const latest = withAnswers.at(-1);
    const sideBySide = bySelect.value && latest
      ? panel(`${bySelect.value} side by side, ${monthText(latest.month)}`, figuresTable(
        [{ key: 'segment', label: bySelect.value, value: row => row.segment ?? dash }, ...columns(currency).slice(1)],
        all.filter(row => row.month === latest.month).sort((a, b) => b.responses - a.responses),
        { caption: `Loyalty by ${bySelect.value} in ${monthText(latest.month)}`, id: 'loyalty-segments' }))
      : null;
    content.replaceChildren(
      h('div', { class: 'grid2' },
        panel('NPS over time', h('p', { class: 'note' }, 'From −100 to 100. Closed months solid, provisional months dashed on a shaded background; a month without responses has no NPS and is skipped.'), trend),
        panel('Promoters, passives and detractors', h('p', { class: 'note' }, 'Answers per month (9–10, 7–8, 0–6); provisional months pale with a dashed outline.'), answers,
          h('details', {}, h('summary', {}, 'Answers as a table'), table([
            { label: 'Month', value: row => monthText(row.month) },
            { label: 'Status', value: statusBadge },
            ...categories.map(category => ({ key: category.key, label: category.label, numeric: true, value: row => number(row[category.key]) })),
            { key: 'responses', label: 'Responses', numeric: true, value: row => number(row.responses) },
            { key: 'lateResponses', label: 'Late answers', numeric: true, value: row => number(row.lateResponses) },
          ], rows, { caption: `Promoters, passives and detractors by month for ${who}`, rowClass: row => row.status })))),
      panel(`Monthly loyalty figures, ${who}`,
        h('p', { class: 'note' }, 'Shares among the respondents who answered the question; churn is the share of the month\'s respondents of that category without MRR within 3 or 6 months, empty until those months are closed. — means no figure (no responses).'),
        figuresTable(columns(currency), rows, {
          caption: `Loyalty by month for ${who}`, id: 'loyalty-table', rowClass: row => row.status, rowAttributes: row => ({ 'data-month': row.month }),
        })),
      sideBySide ?? '');
    if (rows.length === 0) return;
    await Promise.all([draw(trend, npsOption(rows)), draw(answers, categoryOption(rows))]);
  };

  let loading = 0;
  const load = async () => {
    const by = bySelect.value;
    const run = ++loading;
    const rows = await getJson(tenantPath(tenant, by ? `/loyalty?by=${encodeURIComponent(by)}` : '/loyalty'));
    if (!isCurrent() || run !== loading) return; // left the page, or another Cut by was chosen meanwhile
    all = rows.filter(row => row.status !== 'awaiting-data' || row.responses > 0);
    currency = all[0]?.currency || 'EUR';
    const segments = by ? segmentsOf(all) : [];
    segmentSelect.replaceChildren(...segments.map(segment => h('option', { value: segment }, segment)));
    segmentSelect.hidden = !by;
    segmentLabel.hidden = !by;
    if (all.length === 0) {
      content.replaceChildren(h('p', {}, 'No month has loyalty figures yet: drop a survey export on the Imports page.'));
      return;
    }
    await showSegment();
  };

  const failed = error => say(`The API answered ${error.status ?? ''}: ${error.message}`, true);
  bySelect.addEventListener('change', () => { load().catch(failed); });
  segmentSelect.addEventListener('change', () => { showSegment().catch(failed); });
  await load();
}
