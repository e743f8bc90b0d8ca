// Numbers, amounts and dates in the browser's locale (Intl): 42.605,45 in nl-NL, 42,605.45 in en-US.
const locale = navigator.language || 'en';

const cache = new Map();
function formatter(key, make) {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

export const dash = '—';

/** An amount with its currency (ISO 4217 code), or a dash when the figure is undefined. */
export function money(value, currency) {
  if (value === null || value === undefined) return dash;
  return formatter(`money:${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(value);
}

/** An amount with its currency, without minor units (chart axes). */
export function moneyShort(value, currency) {
  return formatter(`moneyShort:${currency}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })).format(value);
}

/** A rate or ratio given as a fraction (0.0875) as a percentage. */
export function percent(value, digits = 1) {
  if (value === null || value === undefined) return dash;
  return formatter(`percent:${digits}`, () =>
    new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })).format(value);
}

export function number(value, digits = 0) {
  if (value === null || value === undefined) return dash;
  return formatter(`number:${digits}`, () =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })).format(value);
}

export function months(value) {
  if (value === null || value === undefined) return dash;
  return formatter('months', () =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: 'month', unitDisplay: 'long', maximumFractionDigits: 1 })).format(value);
}

/** A yyyy-MM billing month as the locale writes it ("okt 2026"). */
export function month(text) {
  if (!text) return dash;
  const [year, monthNumber] = text.split('-').map(Number);
  return formatter('month', () => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }))
    .format(Date.UTC(year, monthNumber - 1, 1));
}

export function dateTime(text) {
  if (!text) return dash;
  return formatter('dateTime', () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(text));
}
