// The dashboard's texts, from the message catalogue the field app uses too: /i18n/{en,nl}/messages.json, section
// "dashboard" for the page's own texts, "codes" for coded values. The language is the one chosen on the page (kept in
// this browser), else the browser's first that the catalogue has, else English.

import { hasMessage, message } from '/i18n/messages.js';

export const LANGUAGES = ['en', 'nl'];
const CHOSEN = 'peer-tracker.dashboard.language';
const LOCALES = { en: 'en-GB', nl: 'nl-NL' };
let language = 'en';
let catalogue = {};

export function current() {
  return language;
}

/** The locale numbers and dates are written in. */
export function locale() {
  return LOCALES[language];
}

export function preferred() {
  const chosen = localStorage.getItem(CHOSEN);
  if (LANGUAGES.includes(chosen)) {
    return chosen;
  }
  const browser = (navigator.languages ?? [navigator.language]).map(tag => String(tag).slice(0, 2).toLowerCase());
  return browser.find(tag => LANGUAGES.includes(tag)) ?? 'en';
}

/** Reads the language's catalogue and writes the page's fixed texts in it; {@code remember}: a choice on the page. */
export async function use(lang, remember = false) {
  const response = await fetch(`/i18n/${lang}/messages.json`);
  if (!response.ok) {
    throw new Error(`no catalogue for ${lang} (${response.status})`);
  }
  catalogue = await response.json();
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

/** The message under a dotted key, its {name} placeholders filled in; the key itself when there is none. */
export function t(key, params = {}) {
  return message(catalogue, key, params);
}

export function has(key) {
  return hasMessage(catalogue, key);
}

/** A coded value's label, codes.{list}.{value}; null when the catalogue has none. */
export function code(list, value) {
  const key = `codes.${list}.${value}`;
  return has(key) ? t(key) : null;
}

