// The field app: a peer's session, contacts, signals, cases and hours, logged into the outbox first and sent when
// the network and a token allow; its own figures; the outbox with what became of each event. Screens are sections
// of one page, so the whole app works offline from the service worker's cache.

import * as i18n from './i18n.js';
import { t, code } from './i18n.js';
import * as outbox from './outbox.js';
import * as schema from './schema.js';
import * as signin from './signin.js';
import * as sync from './sync.js';
import * as forms from './forms.js';

const CORRECTION_DAYS = 7;
const KEEP_DAYS = 8;
const TICK = 15_000;
const CASE_ACTIONS = ['case.opened', 'case.contact-logged', 'case.referral-made', 'case.referral-closed', 'case.closed'];
const $ = id => document.getElementById(id);
let screen = 'session';
let known = { cases: [], referrals: [] };
let timer;

async function boot() {
  await i18n.use(i18n.preferred());
  // a sign-in the issuer sent back that could not be used: said on the sign-in screen once the app is drawn
  let refused = null;
  try {
    await signin.start();
  } catch (problem) {
    refused = problem.reason ?? 'failed';
    showSignIn(refused);
  }
  await outbox.deviceId();
  await schema.load([...forms.TYPES, 'event.voided', 'event.amended']);
  navigator.serviceWorker?.register('/field/sw.js', { scope: '/field/' }).catch(() => {});
  navigator.storage?.persist?.().catch(() => {});
  for (const button of $('tabs').querySelectorAll('button')) {
    button.onclick = () => show(button.dataset.screen);
  }
  $('go-signal').onclick = () => show('signal');
  $('end-session').onclick = endSession;
  $('sync-now').onclick = () => sync.soon();
  $('sign-out').onclick = () => {
    signin.signOut();
    update();
  };
  $('signin-oidc').onclick = () => signin.signIn().catch(() => showSignIn('failed'));
  $('token-form').onsubmit = event => {
    event.preventDefault();
    try {
      signin.paste($('token-input').value);
      $('token-input').value = '';
      show('session');
      sync.soon();
    } catch (problem) {
      showSignIn(problem.reason ?? 'notAToken');
    }
  };
  addEventListener('online', () => sync.soon());
  addEventListener('offline', () => network('offline'));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && sync.soon());
  sync.onChange(({ state }) => {
    network(state);
    update();
  });
  await outbox.prune(KEEP_DAYS);
  await drawAll();
  show(signin.who() ? 'session' : 'signin');
  if (refused && !signin.who()) {
    showSignIn(refused);
  }
  $('main').setAttribute('aria-busy', 'false');
  performance.mark('field-ready');
  sync.soon();
  setInterval(() => sync.soon(), TICK);
}

// ---- screens ----

async function show(name) {
  if (!signin.who() && name !== 'settings') {
    name = 'signin';
  }
  screen = name;
  for (const section of document.querySelectorAll('.screen')) {
    section.hidden = section.id !== `screen-${name}`;
  }
  for (const button of $('tabs').querySelectorAll('button')) {
    button.setAttribute('aria-current', button.dataset.screen === name ? 'page' : 'false');
  }
  if (name === 'signin') {
    showSignIn(signin.problem() === 'expired' ? 'expired' : null);
  }
  if (name === 'figures') {
    await drawFigures();
  }
  if (name === 'cases') {
    await refreshKnownCases();
  }
  await update();
}

function showSignIn(reason) {
  $('signin-reason').textContent = reason ? t(`signin.problem.${reason}`) : '';
  $('signin-oidc').hidden = !signin.usesIssuer();
  $('token-form').hidden = signin.usesIssuer();
  for (const section of document.querySelectorAll('.screen')) {
    section.hidden = section.id !== 'screen-signin';
  }
}

function network(state) {
  const shown = navigator.onLine ? state : 'offline';
  $('net').dataset.state = shown;
  $('net').textContent = t(`net.${shown}`);
}

/** Redraws what depends on the outbox and the sign-in: the badge, the banner, who, the outbox list. */
async function update() {
  const who = signin.who();
  $('who').textContent = who ? `${who.peerId} · ${who.org}` : '';
  $('settings-who').textContent = who ? t('settings.who', who) : '';
  const entries = (await outbox.all()).filter(entry => entry.state !== 'discarded');
  const unsent = entries.filter(entry => entry.state === outbox.PENDING);
  const rejected = entries.filter(entry => entry.state === outbox.REJECTED);
  $('outbox-badge').hidden = unsent.length + rejected.length === 0;
  $('outbox-badge').textContent = String(unsent.length + rejected.length);
  const problem = who ? signin.problem() : null;
  $('banner').hidden = !problem;
  $('banner').textContent = problem ? t(`banner.${problem}`, { count: unsent.length }) : '';
  if (problem && !$('banner').querySelector('button')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('signin.title');
    button.onclick = () => show('signin');
    $('banner').append(' ', button);
  }
  await drawSession(entries);
  if (screen === 'outbox') {
    await drawOutbox(entries);
  }
}

async function drawAll() {
  $('language').replaceChildren(...i18n.LANGUAGES.map(lang => {
    const label = document.createElement('label');
    label.className = 'option';
    const input = Object.assign(document.createElement('input'), {
      type: 'radio', name: 'language', value: lang, checked: lang === i18n.current(),
    });
    input.onchange = async () => {
      await i18n.use(lang, true);
      await drawAll();
      await show(screen);
    };
    const text = document.createElement('span');
    text.textContent = code('language', lang);
    label.append(input, text);
    return label;
  }));
  await drawStart();
  await drawContact();
  await drawSignal();
  drawCaseActions();
  await drawHours();
  network(navigator.onLine ? 'idle' : 'offline');
}

// ---- recording ----

/** Makes an event of the form's payload, checks it against the schemas and puts it in the outbox; or shows why not. */
async function record(form, type, payload, prefix = 'payload') {
  const who = signin.who();
  // the eventId now, so that the envelope is checked whole; deviceId and deviceSeq come with storing it
  const event = {
    eventId: crypto.randomUUID(), type, version: 1, orgId: who.org, peerId: who.peerId,
    occurredAt: new Date().toISOString(), payload,
  };
  const errors = schema.validate(event);
  if (errors.length) {
    forms.showErrors(form, errors, prefix);
    return null;
  }
  const entry = await outbox.add(event);
  toast(t('saved', { what: code('type', type) }));
  sync.soon();
  return entry;
}

/**
 * Runs the form's handler on submit, one at a time (a second tap while the first is being kept would log the same
 * thing twice under another eventId); when it fails (the phone's storage full), the form says so and keeps its values.
 */
function onSubmit(form, handler) {
  form.onsubmit = async event => {
    event.preventDefault();
    if (form.dataset.busy) {
      return;
    }
    form.dataset.busy = 'true';
    try {
      await handler();
    } catch (error) {
      console.error(error);
      const problems = form.querySelector('.form-errors');
      if (problems) {
        problems.textContent = t('notKept');
      }
    } finally {
      delete form.dataset.busy;
    }
  };
}

async function drawStart() {
  const form = $('start-form');
  forms.render(form, 'outreach.session-started', {
    values: { sessionId: `s-${shortId()}` },
    suggestions: { areas: (await outbox.meta('areas')) ?? [] },
    submit: t('session.start'),
  });
  onSubmit(form, async () => {
    const payload = forms.read(form);
    if (await record(form, 'outreach.session-started', payload)) {
      await outbox.setMeta('session', { ...payload, startedAt: new Date().toISOString() });
      await remember('areas', payload.area);
      await drawStart();
      await drawContact();
      await drawSignal();
      await update();
    }
  });
}

async function drawContact() {
  const session = await outbox.meta('session');
  const form = $('contact-form');
  if (!session) {
    return;
  }
  forms.render(form, 'outreach.contact-recorded', {
    values: { sessionId: session.sessionId, area: session.area },
    submit: t('contact.save'),
  });
  onSubmit(form, async () => {
    if (await record(form, 'outreach.contact-recorded', forms.read(form))) {
      await drawContact();
      await update();
      form.querySelector('input, button')?.focus();
    }
  });
}

async function drawSignal() {
  const session = await outbox.meta('session');
  const form = $('signal-form');
  forms.render(form, 'outreach.signal-reported', {
    values: { sessionId: session?.sessionId, area: session?.area },
    submit: t('signal.save'),
  });
  onSubmit(form, async () => {
    if (await record(form, 'outreach.signal-reported', forms.read(form))) {
      await drawSignal();
      show('session');
    }
  });
}

async function drawSession(entries) {
  const session = await outbox.meta('session');
  $('start-form').hidden = Boolean(session);
  $('session-open').hidden = !session;
  if (session) {
    $('session-where').textContent = `${session.area} · ${code('siteType', session.siteType)}`;
    const contacts = entries.filter(entry => entry.event.type === 'outreach.contact-recorded'
      && entry.event.payload.sessionId === session.sessionId);
    $('session-count').textContent = t('session.contacts', { count: contacts.length });
  }
}

async function endSession() {
  const end = $('end-session');
  if (end.disabled) {
    return; // a second tap while the first is being kept would end the session twice
  }
  end.disabled = true;
  try {
    const session = await outbox.meta('session');
    if (session && await record($('contact-form'), 'outreach.session-ended', { sessionId: session.sessionId })) {
      await outbox.setMeta('session', undefined);
      await drawStart();
      await update();
    }
  } finally {
    end.disabled = false;
  }
}

function drawCaseActions() {
  $('case-actions').replaceChildren(...CASE_ACTIONS.map(type => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.type = type;
    button.textContent = t(`cases.action.${type}`);
    button.onclick = () => drawCaseForm(type);
    return button;
  }));
  $('case-form').replaceChildren();
}

async function drawCaseForm(type) {
  for (const button of $('case-actions').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset.type === type));
  }
  await refreshKnownCases();
  const form = $('case-form');
  forms.render(form, type, {
    values: { caseId: type === 'case.opened' ? `c-${shortId()}` : undefined, referralId: `r-${shortId()}` },
    suggestions: known,
    submit: t(`cases.action.${type}`),
  });
  onSubmit(form, async () => {
    if (await record(form, type, forms.read(form))) {
      await drawCaseForm(type);
    }
  });
}

/** The peer's open cases as the server last said and as the outbox has them, for the case fields' lists. */
async function refreshKnownCases() {
  const cases = new Set((await outbox.meta('cases')) ?? []);
  const referrals = new Set();
  const fetched = await read('support/cases?status=open&size=200');
  if (fetched) {
    cases.clear();
    for (const item of fetched.items) {
      cases.add(item.caseId);
      for (const referral of item.referrals ?? []) {
        if (referral.status === 'pending') {
          referrals.add(referral.referralId);
        }
      }
    }
    await outbox.setMeta('cases', [...cases]);
  }
  for (const entry of await outbox.all()) {
    const { type, payload } = entry.event;
    if (entry.state === outbox.REJECTED) {
      continue;
    }
    if (type === 'case.opened') {
      cases.add(payload.caseId);
    } else if (type === 'case.closed') {
      cases.delete(payload.caseId);
    } else if (type === 'case.referral-made') {
      referrals.add(payload.referralId);
    }
  }
  known = { cases: [...cases], referrals: [...referrals] };
}

async function drawHours() {
  const who = signin.who();
  const form = $('hours-form');
  forms.render(form, 'peer.involvement-recorded', {
    values: { peerId: who?.peerId },
    suggestions: { bodies: (await outbox.meta('bodies')) ?? [] },
    submit: t('hours.save'),
  });
  onSubmit(form, async () => {
    const payload = forms.read(form);
    if (await record(form, 'peer.involvement-recorded', payload)) {
      await remember('bodies', payload.body);
      await drawHours();
    }
  });
}

// ---- the peer's own figures, with the peer's own token ----

/** A read of the peer's own; null offline, signed out or on any error (the screen says so). */
async function read(path) {
  const who = signin.who();
  const token = who && navigator.onLine ? await signin.token() : null;
  if (!token) {
    return null;
  }
  try {
    const response = await fetch(`/api/v1/orgs/${encodeURIComponent(who.org)}/${path}`,
      { headers: sync.headers(token), signal: AbortSignal.timeout(15_000) });
    if (response.status === 404) {
      return {};
    }
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function drawFigures() {
  const who = signin.who();
  const today = orgDate(new Date());
  $('figures-state').textContent = t('figures.loading');
  $('screen-figures').setAttribute('aria-busy', 'true');
  const [sessions, cases, peer, month] = await Promise.all([
    read(`outreach/sessions?from=${today}&to=${today}&peerId=${encodeURIComponent(who.peerId)}&size=200`),
    read(`support/cases?status=open&peerId=${encodeURIComponent(who.peerId)}&size=200`),
    read(`peers/${encodeURIComponent(who.peerId)}`),
    read(`peers/${encodeURIComponent(who.peerId)}/involvement?month=${today.slice(0, 7)}`),
  ]);
  if (!sessions || !cases || !peer || !month) {
    $('figures-state').textContent = t('figures.unavailable');
    $('screen-figures').setAttribute('aria-busy', 'false');
    return;
  }
  const totals = { sessions: sessions.items.length, contacts: 0, peopleReached: 0, newContacts: 0, signals: 0 };
  const materials = {};
  for (const session of sessions.items) {
    for (const name of ['contacts', 'peopleReached', 'newContacts', 'signals']) {
      totals[name] += session[name] ?? 0;
    }
    for (const [name, count] of Object.entries(session.materials ?? {})) {
      materials[name] = (materials[name] ?? 0) + count;
    }
  }
  figures($('figures-today'), [
    ...Object.entries(totals).map(([name, value]) => [`sessions.${name}`, t(`figures.${name}`), value]),
    ...Object.entries(materials).map(([name, value]) => [`sessions.materials.${name}`, code('material', name), value]),
  ]);
  $('figures-cases').replaceChildren(...cases.items.map(item => {
    const li = document.createElement('li');
    li.dataset.caseId = item.caseId;
    li.textContent = t('figures.case', {
      caseId: item.caseId, contacts: item.contacts, pending: item.referralsPending,
    });
    return li;
  }));
  if (cases.items.length === 0) {
    $('figures-cases').replaceChildren(Object.assign(document.createElement('li'), { textContent: t('figures.none') }));
  }
  figures($('figures-hours'), [
    ['month.hours', t('figures.hoursTotal'), month.hours ?? 0],
    ...Object.entries(month.hoursByLevel ?? {}).map(([name, value]) => [`month.hoursByLevel.${name}`, code('level', name), value]),
    ...Object.entries(month.hoursByRole ?? {}).map(([name, value]) => [`month.hoursByRole.${name}`, code('role', name), value]),
    ['peer.trainings', t('figures.trainings'), peer.trainings ?? 0],
  ]);
  figures($('figures-compensation'), Object.entries(peer.compensation ?? {}).map(
    ([currency, value]) => [`peer.compensation.${currency}`, currency, value]));
  $('figures-state').textContent = t('figures.asOf', { time: i18n.dateTime(Date.now()) });
  $('screen-figures').setAttribute('aria-busy', 'false');
}

function figures(list, rows) {
  list.replaceChildren(...rows.map(([key, label, value]) => {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.dataset.figure = key;
    dd.textContent = i18n.number(value);
    row.append(dt, dd);
    return row;
  }));
}

// ---- the outbox ----

async function drawOutbox(entries) {
  const unsent = entries.filter(entry => entry.state === outbox.PENDING);
  const oldest = unsent.reduce((min, entry) => Math.min(min, Date.parse(entry.createdAt)), Infinity);
  const counts = Object.fromEntries([outbox.PENDING, outbox.SENT, outbox.COUNTED, outbox.REJECTED]
    .map(state => [state, entries.filter(entry => entry.state === state).length]));
  $('outbox-summary').textContent = unsent.length
    ? t('outbox.unsent', { count: unsent.length, age: age(oldest) })
    : t('outbox.allSent');
  $('outbox-summary').dataset.counts = JSON.stringify(counts);
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  const persisted = await navigator.storage?.persisted?.().catch(() => false);
  const full = estimate?.quota ? estimate.usage / estimate.quota : 0;
  $('outbox-storage').textContent = [
    persisted ? t('outbox.persisted') : t('outbox.notPersisted'),
    full > 0.8 ? t('outbox.storageFull') : '',
  ].join(' ');
  $('outbox-list').replaceChildren(...entries.map(entry => {
    const li = document.createElement('li');
    li.dataset.eventId = entry.eventId;
    li.dataset.state = entry.state;
    li.dataset.type = entry.event.type;
    const head = document.createElement('p');
    const state = document.createElement('span');
    state.className = `state ${entry.state}`;
    state.textContent = t(`state.${entry.state}`);
    const what = document.createElement('strong');
    what.textContent = describe(entry.event);
    const when = document.createElement('time');
    when.dateTime = entry.event.occurredAt;
    when.textContent = i18n.dateTime(entry.event.occurredAt);
    head.append(state, ' ', what, ' ', when);
    li.append(head);
    if (entry.state === outbox.PENDING && entry.lastProblem) {
      const note = document.createElement('p');
      note.className = 'hint';
      note.textContent = t('outbox.retrying', { attempts: entry.attempts });
      li.append(note);
    }
    if (entry.errors?.length) {
      const reasons = document.createElement('ul');
      reasons.className = 'reasons';
      for (const error of entry.errors) {
        const item = document.createElement('li');
        item.textContent = error.message ?? error.rule;
        item.dataset.rule = error.rule;
        reasons.append(item);
      }
      li.append(reasons);
    }
    const actions = document.createElement('p');
    actions.className = 'row';
    const correctable = forms.FORMS[entry.event.type] && (entry.state === outbox.SENT || entry.state === outbox.COUNTED)
      && Date.now() - Date.parse(entry.sentAt ?? entry.createdAt) < CORRECTION_DAYS * 86_400_000
      && !entry.correctedBy;
    if (entry.state === outbox.REJECTED && forms.FORMS[entry.event.type] && !entry.conflict) {
      actions.append(button('outbox.fix', 'fix', () => edit(entry, 'fix')));
    }
    if (entry.state === outbox.REJECTED) {
      actions.append(button('outbox.discard', 'discard', () => discard(entry)));
    }
    if (correctable) {
      actions.append(button('outbox.amend', 'amend', () => edit(entry, 'amend')),
        button('outbox.void', 'void', () => edit(entry, 'void')));
    }
    if (actions.childElementCount) {
      li.append(actions);
    }
    return li;
  }));
}

function describe(event) {
  const subject = forms.subjectOf(event.type, event.payload ?? {});
  if (event.type === 'event.voided' || event.type === 'event.amended') {
    return `${code('type', event.type)}: ${code('type', event.payload.targetType)}`;
  }
  return subject && event.type.startsWith('case.') ? `${code('type', event.type)} · ${subject}` : code('type', event.type);
}

function button(key, action, onclick) {
  const made = document.createElement('button');
  made.type = 'button';
  made.dataset.action = action;
  made.textContent = t(key);
  made.onclick = onclick;
  return made;
}

async function discard(entry) {
  await outbox.update([entry.eventId], () => ({ state: 'discarded' }));
  await update();
}

/** Fixes a rejected event (the same eventId, sent again), or amends or voids a sent one by a correction event. */
async function edit(entry, mode) {
  const { type, payload } = entry.event;
  const form = $('edit-form');
  $('edit-title').textContent = `${t(`outbox.${mode}`)}: ${describe(entry.event)}`;
  const reasons = schema.enumOf('event.voided', 'reason');
  const reasonField = mode === 'fix' ? '' : `<div class="field select" data-field="reason">
      <label for="edit-reason">${escape(t('field.reason'))}</label>
      <select id="edit-reason" name="reason">${reasons.map(reason =>
        `<option value="${reason}">${escape(code('reason', reason))}</option>`).join('')}</select></div>`;
  if (mode === 'void') {
    form.innerHTML = `${reasonField}<p class="error form-errors" data-error-for="" role="alert"></p>
      <button type="submit" class="primary big">${escape(t('outbox.void'))}</button>`;
  } else {
    forms.render(form, type, {
      // a second amendment replaces the first whole: it starts from what the first made the event
      values: mode === 'amend' ? (entry.amendedPayload ?? payload) : payload,
      locked: mode === 'amend' ? forms.FORMS[type].filter(spec => spec.subject).map(spec => spec.name) : [],
      suggestions: known,
      submit: t(mode === 'fix' ? 'outbox.sendAgain' : 'outbox.amend'),
      extra: reasonField,
    });
    if (mode === 'fix') {
      forms.showErrors(form, entry.errors);
    }
  }
  onSubmit(form, async () => {
    const reason = form.querySelector('[name=reason]')?.value;
    if (mode === 'fix') {
      const fixed = { ...entry.event, payload: forms.read(form) };
      const errors = schema.validate(fixed);
      if (errors.length) {
        forms.showErrors(form, errors);
        return;
      }
      await outbox.update([entry.eventId], () => ({
        event: fixed, state: outbox.PENDING, errors: [], attempts: 0, nextAttemptAt: 0, lastProblem: null,
      }));
      sync.soon();
    } else if (mode === 'amend') {
      const made = await record(form, 'event.amended',
        { targetEventId: entry.eventId, targetType: type, reason, payload: forms.read(form) }, 'payload.payload');
      if (!made) {
        return;
      }
      await outbox.update([entry.eventId], () => ({ amendedBy: made.eventId, amendedPayload: made.event.payload.payload }));
    } else {
      const made = await record(form, 'event.voided', {
        targetEventId: entry.eventId, targetType: type, targetSubject: forms.subjectOf(type, payload), reason,
      });
      if (!made) {
        return;
      }
      await outbox.update([entry.eventId], () => ({ correctedBy: made.eventId }));
    }
    await show('outbox');
  });
  await show('edit');
}

// ---- small things ----

async function remember(key, value) {
  const list = ((await outbox.meta(key)) ?? []).filter(item => item !== value);
  await outbox.setMeta(key, [value, ...list].slice(0, 20));
}

function toast(text) {
  $('toast').textContent = text;
  $('toast').classList.add('shown');
  clearTimeout(timer);
  timer = setTimeout(() => $('toast').classList.remove('shown'), 2500);
}

function age(since) {
  const minutes = Math.max(0, Math.round((Date.now() - since) / 60_000));
  if (minutes < 60) {
    return t('age.minutes', { count: minutes });
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('age.hours', { count: hours }) : t('age.days', { count: Math.round(hours / 24) });
}

/** The day (yyyy-MM-dd) in the organisation's zone, as the server counts "today". */
function orgDate(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en', {
    timeZone: signin.zone(), year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(date).map(({ type, value }) => [type, value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function shortId() {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

function escape(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

boot();
