// The forms, drawn from one description per event type: which payload field is shown how (big choice buttons,
// +/- counters, chips), with the allowed values taken from the type's schema and every label from the catalogue.
// The same form records an event, fixes a rejected one and amends a sent one.

import * as schema from './schema.js';
import { t, code, rule } from './i18n.js';

const materials = ['syringes', 'needlesReturned', 'naloxoneKits', 'condoms', 'foil', 'pipes', 'leaflets'].map(name => (
  { name: `materials.${name}`, kind: 'counter', initial: 0, omitZero: true, label: `codes.material.${name}` }));

/** Per type: the payload's fields in the order shown. Subjects (sessionId, caseId) never change in an amendment. */
export const FORMS = {
  'outreach.session-started': [
    { name: 'sessionId', kind: 'hidden', subject: true },
    { name: 'area', kind: 'id', suggest: 'areas' },
    { name: 'siteType', kind: 'choice', codes: 'siteType' },
  ],
  'outreach.contact-recorded': [
    { name: 'sessionId', kind: 'hidden', subject: true },
    { name: 'area', kind: 'hidden' },
    { name: 'anonymous', kind: 'bool', codes: 'anonymous', initial: true },
    { name: 'clientCode', kind: 'code', when: payload => payload.anonymous === false },
    { name: 'newContact', kind: 'bool', codes: 'newContact', initial: false },
    { name: 'groupSize', kind: 'counter', initial: 1 },
    ...materials,
    { name: 'topics', kind: 'multi', codes: 'topic', folded: true },
  ],
  'outreach.signal-reported': [
    { name: 'sessionId', kind: 'hidden', subject: true },
    { name: 'area', kind: 'hidden' },
    { name: 'kind', kind: 'choice', codes: 'signalKind' },
    { name: 'severity', kind: 'choice', codes: 'severity' },
    { name: 'text', kind: 'text', hint: 'signal.noNames' },
  ],
  'outreach.session-ended': [{ name: 'sessionId', kind: 'hidden', subject: true }],
  'case.opened': [
    { name: 'caseId', kind: 'hidden', subject: true },
    { name: 'clientCode', kind: 'code' },
    { name: 'needs', kind: 'multi', codes: 'need', keepEmpty: true },
    { name: 'referredBy', kind: 'select', codes: 'referredBy' },
  ],
  'case.contact-logged': [
    { name: 'caseId', kind: 'id', suggest: 'cases', subject: true },
    { name: 'mode', kind: 'choice', codes: 'mode', initial: 'in-person' },
    { name: 'minutes', kind: 'counter', initial: 30, step: 5 },
    { name: 'topics', kind: 'multi', codes: 'topic', folded: true },
  ],
  'case.referral-made': [
    { name: 'caseId', kind: 'id', suggest: 'cases', subject: true },
    { name: 'referralId', kind: 'hidden' },
    { name: 'service', kind: 'select', codes: 'service' },
  ],
  'case.referral-closed': [
    { name: 'caseId', kind: 'id', suggest: 'cases', subject: true },
    { name: 'referralId', kind: 'id', suggest: 'referrals' },
    { name: 'outcome', kind: 'choice', codes: 'referralOutcome' },
  ],
  'case.closed': [
    { name: 'caseId', kind: 'id', suggest: 'cases', subject: true },
    { name: 'outcome', kind: 'select', codes: 'caseOutcome' },
  ],
  'peer.involvement-recorded': [
    { name: 'peerId', kind: 'hidden', subject: true },
    { name: 'role', kind: 'select', codes: 'role' },
    { name: 'level', kind: 'select', codes: 'level' },
    { name: 'body', kind: 'id', suggest: 'bodies' },
    { name: 'hours', kind: 'counter', initial: 1, step: 0.25 },
  ],
};

/** The types a peer may log; coordinator-only types (reassignments, joining, roles, pay) are never offered. */
export const TYPES = Object.keys(FORMS);

/** The payload field that names an event's subject (its record key). */
export function subjectOf(type, payload) {
  const field = FORMS[type]?.find(spec => spec.subject);
  return field ? payload[field.name] : undefined;
}

const state = new WeakMap();
let unique = 0;

/**
 * Draws the form of {@code type} into {@code form}: {@code values} fill it (a payload to fix or amend, or the
 * context such as the session), {@code locked} fields are shown but not changed, {@code suggestions} feed the id
 * fields' lists.
 */
export function render(form, type, { values = {}, locked = [], suggestions = {}, submit, extra = '' } = {}) {
  state.set(form, { type, values, locked });
  form.dataset.type = type;
  form.replaceChildren();
  form.insertAdjacentHTML('beforeend', extra);
  for (const spec of FORMS[type]) {
    if (spec.kind === 'hidden') {
      continue;
    }
    form.append(field(type, spec, get(values, spec.name) ?? spec.initial, locked.includes(spec.name), suggestions));
  }
  const problems = element('p', { class: 'error form-errors', role: 'alert', 'data-error-for': '' });
  const button = element('button', { type: 'submit', class: 'primary big' });
  button.textContent = submit;
  form.append(problems, button);
  refresh(form);
  form.oninput = form.onchange = () => refresh(form);
}

/** The payload as the form holds it now; fields left empty are left out, as the schemas expect. */
export function read(form) {
  const { type, values } = state.get(form);
  const payload = {};
  for (const spec of FORMS[type]) {
    let value;
    if (spec.kind === 'hidden') {
      value = get(values, spec.name);
    } else {
      value = valueOf(form, spec);
    }
    if (value === undefined || (spec.omitZero && value === 0)) {
      continue;
    }
    if (spec.kind === 'multi' && value.length === 0 && !spec.keepEmpty) {
      continue;
    }
    set(payload, spec.name, value);
  }
  for (const spec of FORMS[type]) {
    if (spec.when && !spec.when(payload)) {
      delete payload[spec.name];
    }
  }
  return payload;
}

/** Shows the errors (the form's own checks or the server's) at their fields; those of no field at the end. */
export function showErrors(form, errors, prefix = 'payload') {
  for (const box of form.querySelectorAll('[data-error-for]')) {
    box.textContent = '';
  }
  const rest = [];
  for (const error of errors) {
    const name = error.field.startsWith(`${prefix}.`) ? error.field.slice(prefix.length + 1).replace(/\[\d+]$/, '') : null;
    const box = name === null ? null : form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    const message = error.message ?? rule(error);
    if (box) {
      box.textContent = message;
    } else {
      rest.push(`${error.field}: ${message}`);
    }
  }
  form.querySelector('.form-errors').textContent = rest.join(' · ');
  form.querySelector('[data-error-for]:not(:empty)')?.closest('.field')?.scrollIntoView({ block: 'center' });
}

function refresh(form) {
  const { type } = state.get(form);
  const payload = read(form);
  for (const spec of FORMS[type]) {
    const box = form.querySelector(`.field[data-field="${spec.name}"]`);
    if (box && spec.when) {
      box.hidden = !spec.when({ ...payload, [spec.name]: undefined });
    }
  }
}

function field(type, spec, value, locked, suggestions) {
  const id = `f${++unique}`;
  const box = element('div', { class: `field ${spec.kind}`, 'data-field': spec.name });
  const label = t(spec.label ?? `field.${spec.name}`);
  const bounds = schema.boundsOf(type, spec.name);
  switch (spec.kind) {
    case 'choice':
    case 'bool':
    case 'multi': {
      const options = spec.kind === 'bool' ? [true, false] : schema.enumOf(type, spec.name);
      const group = element(spec.folded ? 'details' : 'fieldset', { class: 'group' });
      const legend = element(spec.folded ? 'summary' : 'legend');
      legend.textContent = label;
      const list = element('div', { class: spec.kind === 'multi' ? 'chips' : `choices${options.length === 2 ? ' two' : ''}` });
      const chosen = spec.kind === 'multi' ? new Set(value ?? []) : new Set([value]);
      for (const option of options) {
        const item = element('label', { class: 'option' });
        const input = element('input', {
          type: spec.kind === 'multi' ? 'checkbox' : 'radio', name: `${id}`, value: String(option),
        });
        input.checked = chosen.has(option);
        input.disabled = locked;
        const text = element('span');
        text.textContent = code(spec.codes, option);
        item.append(input, text);
        list.append(item);
      }
      if (spec.folded && chosen.size) {
        group.open = true;
      }
      group.append(legend, list);
      box.append(group);
      break;
    }
    case 'select': {
      box.append(labelFor(id, label));
      const select = element('select', { id, name: spec.name });
      select.append(element('option', { value: '' }));
      for (const option of schema.enumOf(type, spec.name)) {
        const item = element('option', { value: option });
        item.textContent = code(spec.codes, option);
        select.append(item);
      }
      select.value = value ?? '';
      select.disabled = locked;
      box.append(select);
      break;
    }
    case 'counter': {
      box.append(labelFor(id, label));
      const step = spec.step ?? 1;
      const row = element('div', { class: 'stepper' });
      const minus = element('button', { type: 'button', class: 'step minus', 'aria-label': `${label} −${step}` });
      minus.textContent = '−';
      const plus = element('button', { type: 'button', class: 'step plus', 'aria-label': `${label} +${step}` });
      plus.textContent = '+';
      const input = element('input', {
        id, name: spec.name, type: 'number', inputmode: step < 1 ? 'decimal' : 'numeric', step: String(step),
      });
      input.value = value ?? '';
      const low = bounds.minimum ?? (bounds.exclusiveMinimum !== undefined ? bounds.exclusiveMinimum + step : 0);
      const high = bounds.maximum ?? Infinity;
      const move = by => () => {
        const now = Number(input.value) || 0;
        input.value = String(Math.min(high, Math.max(low, Math.round((now + by) / step) * step)));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      minus.onclick = move(-step);
      plus.onclick = move(step);
      for (const control of [minus, plus, input]) {
        control.disabled = locked;
      }
      row.append(minus, input, plus);
      box.append(row);
      break;
    }
    case 'text': {
      box.append(labelFor(id, label));
      const area = element('textarea', { id, name: spec.name, rows: '3' });
      if (bounds.maxLength) {
        area.maxLength = bounds.maxLength;
      }
      area.value = value ?? '';
      area.disabled = locked;
      box.append(area);
      break;
    }
    default: {
      box.append(labelFor(id, label));
      const input = element('input', {
        id, name: spec.name, autocomplete: 'off', autocapitalize: spec.kind === 'code' ? 'characters' : 'none',
        spellcheck: 'false',
      });
      if (spec.suggest) {
        const list = element('datalist', { id: `${id}-list` });
        for (const suggestion of suggestions[spec.suggest] ?? []) {
          list.append(element('option', { value: suggestion }));
        }
        input.setAttribute('list', list.id);
        box.append(list);
      }
      input.value = value ?? '';
      input.disabled = locked;
      box.append(input);
    }
  }
  if (spec.hint) {
    const hint = element('p', { class: 'hint' });
    hint.textContent = t(spec.hint);
    box.append(hint);
  }
  box.append(element('p', { class: 'error', 'data-error-for': spec.name }));
  return box;
}

function valueOf(form, spec) {
  const box = form.querySelector(`.field[data-field="${spec.name}"]`);
  if (!box) {
    return undefined;
  }
  switch (spec.kind) {
    case 'bool': {
      const checked = box.querySelector('input:checked');
      return checked ? checked.value === 'true' : undefined;
    }
    case 'choice':
      return box.querySelector('input:checked')?.value;
    case 'multi':
      return [...box.querySelectorAll('input:checked')].map(input => input.value);
    case 'counter': {
      const text = box.querySelector('input').value.trim();
      return text === '' ? undefined : Number(text);
    }
    default: {
      const text = box.querySelector('input, textarea, select').value.trim();
      return text === '' ? undefined : text;
    }
  }
}

function labelFor(id, text) {
  const label = element('label', { for: id });
  label.textContent = text;
  return label;
}

function element(name, attributes = {}) {
  const made = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    made.setAttribute(key, value);
  }
  return made;
}

function get(object, path) {
  return path.split('.').reduce((at, part) => at?.[part], object);
}

function set(object, path, value) {
  const parts = path.split('.');
  let at = object;
  for (const part of parts.slice(0, -1)) {
    at = at[part] ??= {};
  }
  at[parts.at(-1)] = value;
}
