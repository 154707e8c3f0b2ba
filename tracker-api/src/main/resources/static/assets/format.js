// How figures are shown. An analyst's answers hold strings where counts are suppressed ("<5", "suppressed"):
// they are shown as they are ("suppressed" in the page's language), never as 0 or NaN, and never drawn as if they were
// a number.

import { t } from './i18n.js';

let integers;
let decimals;
let percents;
let days;
let longDays;
let months;
let moments;
let locale;

/** Writes numbers and dates as {@code tag} does (en-GB, nl-NL). */
export function useLocale(tag) {
  locale = tag;
  integers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  decimals = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  percents = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  days = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short' });
  longDays = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  months = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  moments = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

useLocale('en-GB');

export const NONE = '–';

/** How the API marks a count suppressed to keep a small one from being worked out: shown in the page's language. */
const SUPPRESSED = 'suppressed';

/** A value withheld by the small-count suppression: a string where a number would be. */
export function isWithheld(value) {
  return typeof value === 'string';
}

export function count(value) {
  return show(value, integers);
}

export function hours(value) {
  return show(value, decimals);
}

export function share(value) {
  return show(value, percents);
}

export function money(amount, currency) {
  if (typeof amount !== 'number') {
    return show(amount, decimals);
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${decimals.format(amount)} ${currency}`;
  }
}

/** A number for a chart; null (a gap) for a withheld or missing value, which the chart's table shows as such. */
export function plotted(value) {
  return typeof value === 'number' ? value : null;
}

/**
 * Adds cells that may hold withheld values. All numbers: their sum. Otherwise {atLeast}: every withheld cell stands
 * for at least 1 (only counts above 0 are withheld), so the sum is at least that; a single cell passes through.
 */
export function sum(values) {
  if (values.length === 1) {
    return values[0] ?? 0;
  }
  let total = 0;
  let withheld = false;
  for (const value of values) {
    if (typeof value === 'number') {
      total += value;
    } else if (isWithheld(value)) {
      withheld = true;
      total += 1;
    }
  }
  return withheld ? { atLeast: total } : total;
}

/** A {@link sum} as shown. */
export function total(value, format = count) {
  return value !== null && typeof value === 'object' ? `≥ ${format(value.atLeast)}` : format(value);
}

/** A {@link sum} for a chart: a lower bound is not drawn. */
export function plottedTotal(value) {
  return typeof value === 'number' ? value : null;
}

export function day(isoDate) {
  return days.format(new Date(`${isoDate}T12:00:00`));
}

export function longDay(isoDate) {
  return longDays.format(new Date(`${isoDate}T12:00:00Z`));
}

export function month(isoMonth) {
  return months.format(new Date(`${isoMonth}-15T12:00:00Z`));
}

export function moment(isoInstant) {
  return isoInstant ? moments.format(new Date(isoInstant)) : NONE;
}

const LABELS = {
  'hiv-hcv': 'HIV/HCV',
  'hiv-hcv-testing': 'HIV/HCV testing',
  'co-deciding': 'Co-deciding',
  'drop-in': 'Drop-in',
  'nieuw-west': 'Nieuw-West',
};

/** Catalogue codes as words: "opioid-agonist-treatment" → "Opioid agonist treatment". */
export function words(code) {
  if (!code) {
    return NONE;
  }
  if (LABELS[code]) {
    return LABELS[code];
  }
  const spaced = String(code).replace(/-/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function show(value, format) {
  if (typeof value === 'number') {
    return format.format(value);
  }
  if (typeof value === 'string') {
    return value === SUPPRESSED ? t('dashboard.suppressed') : value;
  }
  return NONE;
}
