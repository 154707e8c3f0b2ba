// The dashboard's texts, from the message catalogue the field app uses too: /i18n/{en,nl}/messages.json, section
// "dashboard" for the page's own texts, "codes" for coded values. The language is the one chosen on the page (kept in
// this browser), else the browser's first that the catalogue has, else English.

import { Catalogue, LANGUAGES, preferredLanguage } from '/i18n/messages.js';

export { LANGUAGES };
const CHOSEN = 'peer-tracker.dashboard.language';
const LOCALES = { en: 'en-GB', nl: 'nl-NL' };
let language = 'en';
const catalogue = new Catalogue();

export function current() {
  return language;
}

/** The locale numbers and dates are written in. */
export function locale() {
  return LOCALES[language];
}

export function preferred() {
  return preferredLanguage(CHOSEN);
}

/** Reads the language's catalogue and writes the page's fixed texts in it; {@code remember}: a choice on the page. */
export async function use(lang, remember = false) {
  const response = await fetch(`/i18n/${lang}/messages.json`);
  if (!response.ok) {
    throw new Error(`no catalogue for ${lang} (${response.status})`);
  }
  catalogue.messages = await response.json();
  language = lang;
  if (remember) {
    localStorage.setItem(CHOSEN, lang);
  }
  document.documentElement.lang = lang;
  translate(document);
}

/**
 * Writes the texts of the elements under {@code root} that name a key: {@code data-i18n} (the text), and
 * {@code data-i18n-attributes} ("aria-label=key;title=key").
 */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(element => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attributes]').forEach(element => {
    element.dataset.i18nAttributes.split(';').forEach(pair => {
      const [name, key] = pair.split('=');
      element.setAttribute(name.trim(), t(key.trim()));
    });
  });
}

export const t = (key, params) => catalogue.t(key, params);
export const has = key => catalogue.has(key);
/** A coded value's label, codes.{list}.{value}; null when the catalogue has none. */
export const code = (list, value) => catalogue.code(list, value);

