// One message catalogue for every label, coded value and message: /i18n/{en,nl}/messages.json (the app's) beside
// /i18n/{en,nl}/rules.json (the intake's rule and schema keyword messages, shared with the server). The language is
// the browser's, unless the peer chose one in the app.

import { Catalogue, LANGUAGES, preferredLanguage } from '/i18n/messages.js';

export { LANGUAGES };
const CHOSEN = 'peer-tracker.field.language';
let language = 'en';
const catalogue = new Catalogue();

export function current() {
  return language;
}

/** The chosen language, else the first of the browser's languages that the catalogue has, else English. */
export function preferred() {
  return preferredLanguage(CHOSEN);
}

export async function use(lang, remember = false) {
  const [messages, rules] = await Promise.all(
    ['messages', 'rules'].map(file => fetch(`/i18n/${lang}/${file}.json`).then(response => response.json())));
  catalogue.messages = { ...messages, rules };
  language = lang;
  if (remember) {
    localStorage.setItem(CHOSEN, lang);
  }
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}

export const t = (key, params) => catalogue.t(key, params);
export const has = key => catalogue.has(key);
/** A coded value's label: codes.{list}.{code}, else the code itself. */
export const code = (list, value) => catalogue.code(list, value) ?? value;

/** A form check's message: the schema keyword's from rules.json, else the app's. */
export function rule(error) {
  for (const key of [`rules.schema.${error.rule}`, `check.${error.rule}`]) {
    if (has(key)) {
      return t(key, { limit: error.limit });
    }
  }
  return error.rule;
}

export function number(value, digits = 2) {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export function dateTime(value) {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB',
    { dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
}
