// The dashboard: tiles on top, tabs (support, outreach, campaigning, peer involvement, and for coordinators and admins
// the activity log, where they correct events) over the read API, kept current by the live stream. Everything the API answers is put on the page as text (textContent), never as markup.

import * as catalogue from './catalogue.js';
import * as charts from './charts.js';
import * as format from './format.js';
import * as i18n from './i18n.js';
import { t } from './i18n.js';
import { connect } from './live.js';
import * as tokens from './token.js';
import * as signin from './signin.js';

const TABS = ['support', 'outreach', 'campaigning', 'involvement', 'activity'];
/** Who may read the activity log and correct events from it: the tab is not shown to others. */
const CORRECTORS = ['coordinator', 'admin'];
/** The views each part of the page reads, as named in the live stream's notifications. */
const VIEWS = {
  tiles: ['outreach_daily', 'support_cases', 'campaigns', 'involvement_monthly', 'peers'],
  support: ['support_cases', 'support_caseload'],
  outreach: ['outreach_daily', 'outreach_sessions', 'outreach_signals', 'clients_reached'],
  campaigning: ['campaigns'],
  involvement: ['involvement_monthly', 'peers'],
  activity: ['activity_log'],
};
/** Notifications come in bursts: one re-read per part of the page within this window. */
const COALESCE_MS = 300;
const MAX_RANGE_DAYS = 366;
const PAGE_SIZE = 20;

/** The campaigns' statuses, as the catalogue names them. */
const CAMPAIGN_STATUS = { active: 'dashboard.campaigning.status.active', closed: 'dashboard.campaigning.status.closed' };

/** A referral's status in the caseload view before it is closed; once closed, its outcome (from the catalogue). */
const REFERRAL_PENDING = 'pending';

const $ = selector => document.querySelector(selector);
const panel = tab => document.getElementById(`panel-${tab}`);

let session = null;
let stream = null;
let expiryTimer = null;
let currentTab = 'support';
const loaded = new Set();
const stale = new Set();
const running = new Map();
const again = new Set();
const pending = new Set();
let pendingTimer = null;
let loads = 0;

class SignedOut extends Error {
}

class Forbidden extends Error {
}

/** An answer to a session that has since ended (signed out, or another token came): not shown. */
class Superseded extends Error {
}

// ---- start, sign in, sign out ----

function start() {
  tokens.takeFromFragment();
  document.querySelectorAll('[data-figure]').forEach(node => {
    node.textContent = format.NONE;
  });
  const found = tokens.current();
  if (!found || found.problem) {
    showSignIn(found?.problem ?? '');
    return;
  }
  session = found;
  $('#sign-in').hidden = true;
  $('#dashboard').hidden = false;
  $('#sign-out').hidden = false;
  $('#who').hidden = false;
  showWho();
  if (session.expiresAt) {
    // setTimeout takes at most 2^31-1 ms; a later expiry is met at the next reload
    const ms = session.expiresAt - Date.now();
    if (ms < 2 ** 31) {
      expiryTimer = setTimeout(() => signOut(t('dashboard.signIn.expired')), ms);
    }
  }
  document.getElementById('tab-activity').hidden = !CORRECTORS.includes(session.role);
  document.querySelectorAll('[data-export]').forEach(button => {
    button.hidden = session.role === 'analyst' && !ANALYSTS_EXPORTS.includes(button.dataset.export);
  });
  const saved = sessionStorage.getItem('peer-tracker.tab');
  selectTab(shownTabs().includes(saved) ? saved : 'support', false);
  refresh('tiles').then(() => {
    setDefaultPeriod(null);
    refresh(currentTab);
  });
  stream = connect({
    url: () => `/api/v1/orgs/${encodeURIComponent(session.org)}/live?access_token=${encodeURIComponent(session.token)}`,
    onState: showLive,
    onReady: () => refreshShown(),
    onChange: viewChanged,
    onClosed: () => {
      const still = tokens.current();
      if (!still || still.problem) {
        signOut(still?.problem ?? '');
        return false;
      }
      return true;
    },
  });
}

function showWho() {
  $('#who').textContent = [session.org, session.role,
    session.expiresAt ? t('dashboard.tokenValidUntil', { time: format.moment(session.expiresAt.toISOString()) }) : null]
    .filter(Boolean).join(' · ');
}

function showSignIn(reason) {
  $('#dashboard').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-reason').textContent = reason;
  $('#token-input').focus();
  signin.issuer().then(found => {
    $('#issuer-sign-in').hidden = !found;
  });
}

function stop() {
  stream?.close();
  stream = null;
  clearTimeout(expiryTimer);
  clearTimeout(pendingTimer);
  pendingTimer = null;
  session = null;
  loaded.clear();
  stale.clear();
  pending.clear();
}

function signOut(reason) {
  tokens.forget();
  stop();
  showSignIn(reason);
}

// a link with another token opened in this tab: the page does not reload for a new fragment
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(location.hash.slice(1)).has('token')) {
    stop();
    start();
  }
});

$('#signin-oidc').addEventListener('click', () => {
  signin.begin().catch(() => showSignIn(t('dashboard.signIn.failed')));
});

$('#token-form').addEventListener('submit', event => {
  event.preventDefault();
  tokens.store($('#token-input').value);
  $('#token-input').value = '';
  start();
});

$('#sign-out').addEventListener('click', () => signOut(t('dashboard.signedOut')));

// ---- tabs: a tablist with arrow keys, Home and End ----

const tabButtons = TABS.map(tab => document.getElementById(`tab-${tab}`));

/** The tabs the caller's role is shown. */
function shownTabs() {
  return TABS.filter((tab, i) => !tabButtons[i].hidden);
}

function selectTab(tab, focus) {
  currentTab = tab;
  sessionStorage.setItem('peer-tracker.tab', tab);
  TABS.forEach((other, i) => {
    const selected = other === tab;
    tabButtons[i].setAttribute('aria-selected', String(selected));
    tabButtons[i].tabIndex = selected ? 0 : -1;
    panel(other).hidden = !selected;
  });
  if (focus) {
    document.getElementById(`tab-${tab}`).focus();
  }
  charts.resizeWithin(panel(tab));
  if (session && $('#from').value && (stale.has(tab) || !loaded.has(tab))) {
    refresh(tab);
  }
}

tabButtons.forEach((button, i) => button.addEventListener('click', () => selectTab(TABS[i], false)));

$('.tablist').addEventListener('keydown', event => {
  const shown = shownTabs();
  const at = shown.indexOf(currentTab);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: shown.length - 1 }[event.key];
  if (to === undefined) {
    return;
  }
  event.preventDefault();
  selectTab(shown[(to + shown.length) % shown.length], true);
});

// ---- the period ----

function setDefaultPeriod(tiles) {
  const today = tiles?.today ?? isoDate(new Date());
  if (!$('#to').value) {
    $('#to').value = today;
  }
  if (!$('#from').value) {
    $('#from').value = addDays(today, -29);
  }
  if (!$('#month').value) {
    $('#month').value = tiles?.month ?? today.slice(0, 7);
  }
  showPeriod();
}

function showPeriod() {
  document.querySelectorAll('[data-range-label]').forEach(node => {
    node.textContent = t('dashboard.period.range', { from: format.longDay($('#from').value), to: format.longDay($('#to').value) });
  });
  document.querySelectorAll('[data-month-label]').forEach(node => {
    node.textContent = format.month($('#month').value);
  });
}

function periodProblem() {
  const from = $('#from').value;
  const to = $('#to').value;
  if (!from || !to || !$('#month').value) {
    return t('dashboard.period.missing');
  }
  if (from > to) {
    return t('dashboard.period.reversed');
  }
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    return t('dashboard.period.tooLong', { days: MAX_RANGE_DAYS });
  }
  return '';
}

$('#range').addEventListener('submit', event => event.preventDefault());
['#from', '#to'].forEach(id => $(id).addEventListener('change', () => periodChanged(['outreach', 'activity'])));
$('#month').addEventListener('change', () => periodChanged(['support', 'involvement']));

function periodChanged(tabs) {
  const problem = periodProblem();
  $('#range-problem').textContent = problem;
  if (problem) {
    return;
  }
  showPeriod();
  tabs.forEach(tab => stale.add(tab));
  if (tabs.includes(currentTab)) {
    refresh(currentTab);
  }
}

// ---- reading, and reading again when the live stream says something changed ----

function viewChanged(change) {
  const view = change.view.replace(/__g\d+$/, '');
  if (VIEWS.tiles.includes(view)) {
    pending.add('tiles');
  }
  TABS.filter(tab => VIEWS[tab].includes(view)).forEach(tab => {
    if (tab === currentTab) {
      pending.add(tab);
    } else {
      stale.add(tab);
    }
  });
  schedule();
}

/** After a (re)connection: what was missed is not replayed, so everything shown is read again. */
function refreshShown() {
  pending.add('tiles');
  pending.add(currentTab);
  TABS.filter(tab => tab !== currentTab).forEach(tab => stale.add(tab));
  schedule();
}

function schedule() {
  if (pendingTimer === null && pending.size > 0) {
    pendingTimer = setTimeout(() => {
      pendingTimer = null;
      const targets = [...pending];
      pending.clear();
      targets.forEach(target => refresh(target));
    }, COALESCE_MS);
  }
}

const LOADERS = {
  tiles: loadTiles,
  support: loadSupport,
  outreach: loadOutreach,
  campaigning: loadCampaigns,
  involvement: loadInvolvement,
  activity: loadActivity,
};

/** Reads one part of the page; a read asked for while one runs is done once after it, not in parallel. */
function refresh(target) {
  if (!session) {
    return Promise.resolve();
  }
  if (target !== 'tiles' && periodProblem()) {
    return Promise.resolve();
  }
  if (running.has(target)) {
    again.add(target);
    return running.get(target);
  }
  const region = target === 'tiles' ? $('#tiles') : panel(target);
  region.setAttribute('aria-busy', 'true');
  stale.delete(target);
  const reading = LOADERS[target]()
    .then(() => {
      loaded.add(target);
      showProblem(target, '');
      $('#updated').textContent = t('dashboard.updated', { time: new Date().toLocaleTimeString(i18n.locale()) });
    })
    .catch(error => {
      if (error instanceof Superseded) {
        return;
      }
      if (error instanceof SignedOut) {
        signOut(error.message);
      } else {
        showProblem(target, error.message);
      }
    })
    .finally(() => {
      running.delete(target);
      region.setAttribute('aria-busy', 'false');
      region.dataset.loads = String(++loads);
      if (again.delete(target)) {
        refresh(target);
      }
    });
  running.set(target, reading);
  return reading;
}

function showProblem(target, message) {
  const where = target === 'tiles' ? $('#tiles-when') : panel(target).querySelector('[data-problem]');
  if (target === 'tiles') {
    if (message) {
      where.textContent = message;
    }
  } else {
    where.textContent = message;
  }
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const search = query.toString();
  const url = `/api/v1/orgs/${encodeURIComponent(session.org)}/${path}${search ? `?${search}` : ''}`;
  const asked = session;
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${asked.token}`, Accept: 'application/json' },
    cache: 'no-store',
    credentials: 'omit',
  });
  if (session !== asked) {
    throw new Superseded();
  }
  if (response.status === 401) {
    throw new SignedOut(t('dashboard.signIn.refused'));
  }
  if (response.status === 403) {
    throw new Forbidden(t('dashboard.problem.forbidden'));
  }
  if (!response.ok) {
    let detail = '';
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? '';
    } catch {
      // not a problem document
    }
    throw new Error(t('dashboard.problem.read', { what: path, status: `${response.status}${detail ? `: ${detail}` : ''}` }));
  }
  const body = await response.json();
  if (session !== asked) {
    throw new Superseded();
  }
  return body;
}

/** What an analyst may not read (not aggregates): not even asked for. */
const NOT_FOR_ANALYSTS = ['support/cases', 'support/follow-ups', 'outreach/sessions', 'outreach/signals'];

/** Like api(), but a part the caller's role may not read comes back as null, to be shown as such. */
async function apiIfAllowed(path, params) {
  if (session.role === 'analyst' && NOT_FOR_ANALYSTS.includes(path)) {
    return null;
  }
  try {
    return await api(path, params);
  } catch (error) {
    if (error instanceof Forbidden) {
      return null;
    }
    throw error;
  }
}

// ---- downloads: what a tab shows, as CSV files of the exports ----

/** The parameters of each export, from the period chosen: the same as the tab's reads. */
const EXPORTS = {
  caseload: () => ({ month: $('#month').value }),
  referrals: () => ({ month: $('#month').value }),
  cases: () => ({ status: 'open' }),
  'outreach-daily': () => ({ from: $('#from').value, to: $('#to').value }),
  'outreach-sessions': () => ({ from: $('#from').value, to: $('#to').value }),
  'outreach-signals': () => ({ since: new Date(`${$('#from').value}T00:00:00`).toISOString() }),
  'clients-reached': () => monthsOfPeriod(),
  campaigns: () => ({}),
  'involvement-monthly': () => ({ month: $('#month').value }),
  peers: () => ({}),
  activity: () => ({
    from: new Date(`${$('#from').value}T00:00:00`).toISOString(),
    to: new Date(`${addDays($('#to').value, 1)}T00:00:00`).toISOString(),
  }),
};
/** The exports an analyst may download: the aggregates, suppressed as on the page. */
const ANALYSTS_EXPORTS = ['caseload', 'referrals', 'outreach-daily', 'clients-reached', 'campaigns', 'involvement-monthly'];

$('#dashboard').addEventListener('click', event => {
  const button = event.target.closest('[data-export]');
  if (button && session) {
    download(button);
  }
});

/** Fetched with the token (a plain link could not send it), then saved under the name the server gives. */
async function download(button) {
  const view = button.dataset.export;
  const tab = button.closest('[role="tabpanel"]').id.replace('panel-', '');
  const problem = periodProblem();
  if (problem) {
    showProblem(tab, problem);
    return;
  }
  const query = new URLSearchParams(Object.entries(EXPORTS[view]()).filter(([, value]) => value));
  const asked = session;
  button.disabled = true;
  try {
    const response = await fetch(`/api/v1/orgs/${encodeURIComponent(asked.org)}/exports/${view}?${query}`, {
      headers: { Authorization: `Bearer ${asked.token}`, Accept: 'text/csv' },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (session !== asked) {
      return;
    }
    if (!response.ok) {
      let detail = '';
      try {
        const answer = await response.json();
        detail = answer.detail ?? answer.title ?? '';
      } catch {
        // not a problem document
      }
      showProblem(tab, t('dashboard.problem.download',
        { what: button.textContent, status: `${response.status}${detail ? `: ${detail}` : ''}` }));
      return;
    }
    const file = URL.createObjectURL(await response.blob());
    const link = el('a', { href: file, download: savedName(response) ?? `${view}.csv`, hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(file), 60_000);
  } catch (error) {
    showProblem(tab, t('dashboard.problem.download', { what: button.textContent, status: error.message }));
  } finally {
    button.disabled = false;
  }
}

function savedName(response) {
  return /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
}

// ---- tiles ----

/** Follow-ups past their limit: referrals past their due date, and cases without a contact for too long. */
const OVERDUE = ['referral-overdue', 'no-contact'];

async function loadTiles() {
  const [tiles, followUps] = await Promise.all([api('dashboard'), apiIfAllowed('support/follow-ups')]);
  // a role that may not read follow-ups (an analyst) is not shown the tile at all
  $('[data-tile="follow-ups-overdue"]').hidden = followUps === null;
  if (followUps !== null) {
    figure($('#tiles'), 'followUpsOverdue', format.count(followUps.items.filter(f => OVERDUE.includes(f.kind)).length));
  }
  const shown = {
    contactsToday: format.count(tiles.contactsToday),
    peopleReachedToday: format.count(tiles.peopleReachedToday),
    'materialsThisWeek.syringes': format.count(tiles.materialsThisWeek?.syringes),
    'materialsThisWeek.naloxoneKits': format.count(tiles.materialsThisWeek?.naloxoneKits),
    openCases: format.count(tiles.openCases),
    referralsPending: format.count(tiles.referralsPending),
    activeCampaigns: format.count(tiles.activeCampaigns),
    peerHoursThisMonth: format.hours(tiles.peerHoursThisMonth),
    shareCoDecidingOrLeading: format.share(tiles.shareCoDecidingOrLeading),
    activePeersThisMonth: format.count(tiles.activePeersThisMonth),
  };
  Object.entries(shown).forEach(([name, text]) => figure($('#tiles'), name, text));
  $('#tiles-when').textContent = t('dashboard.tiles.when', { day: format.longDay(tiles.today), month: format.month(tiles.month) });
  setDefaultPeriod(tiles);
}

// ---- support ----

async function loadSupport() {
  const [caseload, open, outcomes, followUps] = await Promise.all([
    api('support/caseload', { month: $('#month').value }),
    apiIfAllowed('support/cases', { status: 'open', size: PAGE_SIZE }),
    catalogue.codes('referralOutcomes'),
    apiIfAllowed('support/follow-ups'),
  ]);
  const root = panel('support');
  const statuses = [REFERRAL_PENDING, ...outcomes];
  const status = code => (code === REFERRAL_PENDING ? t('dashboard.support.pending') : label('referralOutcome', code));

  const peers = caseload.peers ?? [];
  rows(table(root, 'caseload'), peers.map(p => row(p.peerId, p.peerId,
    format.count(p.openCases), format.count(p.contacts), format.count(p.minutes), format.count(p.casesOpened),
    format.count(p.casesClosed))));
  chartOrEmpty(root, 'caseload', peers.length, t('dashboard.support.noCaseWork'), {
    categories: peers.map(p => p.peerId),
    series: [
      { name: t('dashboard.support.openCases'), values: peers.map(p => format.plotted(p.openCases)) },
      { name: t('dashboard.support.contactsThisMonth'), values: peers.map(p => format.plotted(p.contacts)) },
    ],
    horizontal: true,
  });

  const services = Object.keys(caseload.referrals ?? {});
  rows(table(root, 'referrals'), services.map(service => row(service, label('service', service),
    ...statuses.map(status => format.count(caseload.referrals[service][status] ?? 0)))));
  chartOrEmpty(root, 'referrals', services.length, t('dashboard.support.noReferrals'), {
    categories: services.map(service => label('service', service)),
    series: statuses.map(code => ({
      name: status(code),
      stack: 'status',
      values: services.map(service => format.plotted(caseload.referrals[service][code] ?? 0)),
    })),
    horizontal: true,
  });

  showFollowUps(root, followUps);

  if (open === null) {
    figure(root, 'openCasesTotal', t('dashboard.notShown'));
    rows(table(root, 'open-cases'), []);
    more(root, 'open-cases', '');
    return;
  }
  figure(root, 'openCasesTotal', format.count(open.total));
  rows(table(root, 'open-cases'), open.items.map(c => row(c.caseId, c.caseId, c.ownerPeerId ?? format.NONE,
    format.moment(c.openedAt), (c.needs ?? []).map(need => label('need', need)).join(', ') || format.NONE, format.count(c.contacts),
    format.count(c.minutes), format.moment(c.lastContactAt), format.count(c.referralsPending))));
  more(root, 'open-cases', open.total > open.items.length
    ? t('dashboard.showingRecent', { shown: open.items.length, total: format.count(open.total) }) : '');
}

/** What each kind of follow-up says, with its detail. */
const FOLLOW_UP = {
  'referral-overdue': f => [t('dashboard.support.referralOverdue'),
    t('dashboard.support.due', { service: label('service', f.service), day: format.day(f.dueOn) })],
  'referral-due': f => [t('dashboard.support.referralDue'),
    t('dashboard.support.due', { service: label('service', f.service), day: format.day(f.dueOn) })],
  'no-contact': f => [t('dashboard.support.noContact'), f.lastContactAt
    ? t('dashboard.support.lastContact', { at: format.moment(f.lastContactAt) })
    : t('dashboard.support.noContactSinceOpening')],
};

function showFollowUps(root, followUps) {
  if (followUps === null) {
    figure(root, 'followUpsTotal', t('dashboard.notShown'));
    rows(table(root, 'follow-ups'), []);
    return;
  }
  figure(root, 'followUpsTotal', format.count(followUps.items.length));
  rows(table(root, 'follow-ups'), followUps.items.map(f => {
    const [what, detail] = FOLLOW_UP[f.kind]?.(f) ?? [f.kind, ''];
    return row(`${f.kind}|${f.caseId}|${f.referralId ?? ''}`, format.day(f.since), what, f.caseId,
      f.ownerPeerId ?? format.NONE, detail);
  }));
}

// ---- outreach ----

/** The area under which the clients of cases are counted: a case has none. */
const NO_AREA = '(none)';

/** The months of the period, at most the last 12 (a period of 366 days may touch 13). */
function monthsOfPeriod() {
  const to = $('#to').value.slice(0, 7);
  const [year, month] = to.split('-').map(Number);
  const earliest = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 7);
  const from = $('#from').value.slice(0, 7);
  return { from: from < earliest ? earliest : from, to };
}

/** Per month, each area's distinct clients (the clients of cases, which have no area, under "(none)"), then all. */
function showClientsReached(root, reached) {
  rows(table(root, 'clients-reached'), (reached.months ?? []).flatMap(m => [
    ...Object.entries(m.areas ?? {}).map(([area, clients]) => row(`${m.month}|${area}`, format.month(m.month),
      area === NO_AREA ? t('dashboard.outreach.casesNoArea') : area, format.count(clients))),
    row(`${m.month}|`, format.month(m.month), t('dashboard.outreach.allOnce'), format.count(m.clients)),
  ]));
}

async function loadOutreach() {
  const from = $('#from').value;
  const to = $('#to').value;
  const [daily, sessions, signals, materialCodes, clients] = await Promise.all([
    api('outreach/daily', { from, to }),
    apiIfAllowed('outreach/sessions', { from, to, size: PAGE_SIZE }),
    apiIfAllowed('outreach/signals', { since: new Date(`${from}T00:00:00`).toISOString(), size: PAGE_SIZE }),
    catalogue.codes('materials'),
    api('outreach/clients-reached', monthsOfPeriod()),
  ]);
  const root = panel('outreach');
  showClientsReached(root, clients);
  const cells = daily.days ?? [];
  const dates = datesFrom(from, to);
  const byDay = new Map(dates.map(date => [date, []]));
  cells.forEach(cell => byDay.get(cell.day)?.push(cell));
  const perDay = field => dates.map(date => format.sum(byDay.get(date).map(cell => cell[field])));

  const totals = {
    rangeContacts: format.sum(cells.map(c => c.contacts)),
    rangePeopleReached: format.sum(cells.map(c => c.peopleReached)),
    rangeNewContacts: format.sum(cells.map(c => c.newContacts)),
    rangeSessions: format.sum(cells.map(c => c.sessions)),
    rangeSignals: format.sum(cells.map(c => c.signals)),
  };
  Object.entries(totals).forEach(([name, value]) => figure(root, name, format.total(cells.length ? value : 0)));

  const labels = dates.map(format.day);
  const contacts = perDay('contacts');
  const reached = perDay('peopleReached');
  const fresh = perDay('newContacts');
  charts.bars(chartElement(root, 'daily'), summaryElement(root, 'daily'), {
    categories: labels,
    series: [
      { name: t('dashboard.outreach.contacts'), values: contacts.map(format.plottedTotal) },
      { name: t('dashboard.outreach.peopleReached'), type: 'line', values: reached.map(format.plottedTotal) },
    ],
  });
  charts.bars(chartElement(root, 'returning'), summaryElement(root, 'returning'), {
    categories: labels,
    series: [
      { name: t('dashboard.outreach.new'), stack: 'contacts', values: fresh.map(format.plottedTotal) },
      {
        name: t('dashboard.outreach.returning'), stack: 'contacts', values: contacts.map((all, i) =>
          typeof all === 'number' && typeof fresh[i] === 'number' ? all - fresh[i] : null),
      },
    ],
  });

  const materials = materialCodes.map(name => [name, format.sum(cells.map(cell => cell.materials?.[name] ?? 0))]);
  rows(table(root, 'materials'), materials.map(([name, value]) => row(name, label('material', name),
    format.total(cells.length ? value : 0))));
  charts.bars(chartElement(root, 'materials'), summaryElement(root, 'materials'), {
    categories: materials.map(([name]) => label('material', name)),
    series: [{ name: t('dashboard.outreach.count'), values: materials.map(([, value]) => cells.length ? format.plottedTotal(value) : 0) }],
    horizontal: true,
  });

  rows(table(root, 'daily'), [...cells].reverse().map(c => row(`${c.day}|${c.area}`, format.day(c.day), c.area,
    format.count(c.sessions), format.count(c.contacts), format.count(c.newContacts), format.count(c.peopleReached),
    format.count(c.signals))));

  if (sessions === null) {
    figure(root, 'sessionsTotal', t('dashboard.notShown'));
    rows(table(root, 'sessions'), []);
  } else {
    figure(root, 'sessionsTotal', format.count(sessions.total));
    rows(table(root, 'sessions'), sessions.items.map(s => row(s.sessionId, format.moment(s.startedAt), s.area ?? format.NONE,
      label('siteType', s.siteType), (s.peers ?? []).join(', '), format.count(s.contacts ?? 0),
      format.count(s.peopleReached ?? 0),
      s.endedAt ? t('dashboard.outreach.ended', { at: format.moment(s.endedAt) }) : t('dashboard.outreach.open'))));
    more(root, 'sessions', sessions.total > sessions.items.length
      ? t('dashboard.showingRecent', { shown: sessions.items.length, total: format.count(sessions.total) }) : '');
  }

  const feed = root.querySelector('[data-feed="signals"]');
  if (signals === null) {
    figure(root, 'signalsTotal', t('dashboard.notShown'));
    feed.replaceChildren();
  } else {
    figure(root, 'signalsTotal', format.count(signals.total));
    feed.replaceChildren(...signals.items.map(signal => el('li', { class: `signal severity-${signal.severity}`, 'data-key': signal.eventId },
      el('p', { class: 'meta' },
        el('span', { class: 'badge', text: label('severity', signal.severity) }), ' ',
        el('strong', { text: label('signalKind', signal.kind) }),
        ` · ${signal.area} · ${format.moment(signal.occurredAt)}`),
      signal.text == null ? el('p', { class: 'none', text: t('dashboard.erasedText') }) : el('p', { text: signal.text }))));
    if (signals.items.length === 0) {
      feed.append(el('li', { class: 'none', text: t('dashboard.outreach.noSignals') }));
    }
    more(root, 'signals', signals.total > signals.items.length
      ? t('dashboard.showingNewest', { shown: signals.items.length, total: format.count(signals.total) }) : '');
  }
}

// ---- campaigning ----

async function loadCampaigns() {
  const [page, { actionKinds, outcomeLevels }] = await Promise.all([
    api('campaigns', { size: PAGE_SIZE }),
    catalogue.lists('actionKinds', 'outcomeLevels'),
  ]);
  const root = panel('campaigning');
  const campaigns = page.items ?? [];
  const kinds = actionKinds.filter(kind => campaigns.some(c => c.actionsByKind?.[kind] !== undefined));
  chartOrEmpty(root, 'actions', campaigns.length, t('dashboard.campaigning.none'), {
    categories: campaigns.map(c => c.name ?? c.campaignId),
    series: kinds.map(kind => ({
      name: label('actionKind', kind),
      stack: 'kind',
      values: campaigns.map(c => format.plotted(c.actionsByKind?.[kind] ?? 0)),
    })),
    horizontal: true,
  });
  const list = root.querySelector('[data-list="campaigns"]');
  list.replaceChildren(...campaigns.map(c => campaign(c, actionKinds, outcomeLevels)));
  if (campaigns.length === 0) {
    list.append(el('p', { class: 'none', text: t('dashboard.campaigning.none') }));
  }
}

function campaign(c, actionKinds, outcomeLevels) {
  const dates = [c.startsOn ? t('dashboard.campaigning.from', { day: format.longDay(c.startsOn) }) : null,
    c.endsOn ? t('dashboard.campaigning.to', { day: format.longDay(c.endsOn) }) : null]
    .filter(Boolean).join(' ');
  return el('article', { class: 'campaign', 'data-key': c.campaignId, 'aria-labelledby': `campaign-${c.campaignId}` },
    el('h3', { id: `campaign-${c.campaignId}` }, c.name ?? c.campaignId, ' ',
      el('span', { class: `status status-${c.status}`, text: CAMPAIGN_STATUS[c.status] ? t(CAMPAIGN_STATUS[c.status]) : c.status })),
    c.goal ? el('p', { class: 'goal', text: c.goal }) : null,
    dates ? el('p', { class: 'hint', text: dates }) : null,
    el('dl', { class: 'tiles small' },
      tile(t('dashboard.campaigning.actions'), 'actions', format.count(c.actions ?? 0)),
      tile(t('dashboard.campaigning.participants'), 'participants', format.count(c.participants ?? 0)),
      tile(t('dashboard.campaigning.audience'), 'audience', format.count(c.audience ?? 0)),
      tile(t('dashboard.campaigning.mediaHits'), 'mediaHits', format.count(c.mediaHits ?? 0)),
      tile(t('dashboard.campaigning.cities'), 'cityCount', format.count((c.cities ?? []).length))),
    (c.cities ?? []).length
      ? el('p', {}, el('strong', { text: t('dashboard.campaigning.citiesLabel') }), [...c.cities].sort().join(', '))
      : null,
    el('p', {}, el('strong', { text: t('dashboard.campaigning.actionsByKind') }),
      actionKinds.filter(kind => c.actionsByKind?.[kind] !== undefined)
        .map(kind => `${label('actionKind', kind)} ${format.count(c.actionsByKind[kind])}`).join(', ')
        || t('dashboard.campaigning.noneYet')),
    ...outcomeList(c, outcomeLevels));
}

// An analyst gets no outcomes (free text), only their counts by level, which may be withheld
function outcomeList(c, outcomeLevels) {
  if (session.role === 'analyst') {
    const levels = outcomeLevels.filter(level => c.outcomesByLevel?.[level] !== undefined);
    return [el('h4', { text: t('dashboard.campaigning.outcomes') }),
      el('p', {}, el('strong', { text: t('dashboard.campaigning.byLevel') }),
        levels.map(level => `${label('outcomeLevel', level)} ${format.count(c.outcomesByLevel[level])}`).join(', ')
          || t('dashboard.campaigning.noneYet')),
      el('p', { class: 'hint', text: t('dashboard.campaigning.outcomeTextsHidden') })];
  }
  const outcomes = (c.outcomes ?? []).slice().sort((a, b) => String(b.occurredAt).localeCompare(String(a.occurredAt)));
  return [el('h4', { text: t('dashboard.campaigning.outcomesCounted', { count: outcomes.length }) }),
    outcomes.length
      ? el('ul', { class: 'outcomes' }, ...outcomes.map(o => el('li', {},
        el('span', { class: 'badge', text: label('outcomeLevel', o.level) }), ' ', o.text ?? t('dashboard.erasedText'), ' ',
        el('span', { class: 'hint', text: format.moment(o.occurredAt) }))))
      : el('p', { class: 'none', text: t('dashboard.campaigning.noneRecorded') })];
}

// ---- peer involvement ----

async function loadInvolvement() {
  const [month, { involvementLevels: levels, roles }] = await Promise.all([
    api('involvement/monthly', { month: $('#month').value }),
    catalogue.lists('involvementLevels', 'roles'),
  ]);
  const root = panel('involvement');
  const settings = Object.keys(month.bySetting ?? {});
  const columns = [...settings.map(setting => [setting, month.bySetting[setting]]), ['all', month.all]];
  const tableNode = table(root, 'settings');
  tableNode.tHead.replaceChildren(el('tr', {}, el('th', { scope: 'col', text: t('dashboard.involvement.figure') }),
    ...columns.map(([setting]) => el('th', {
      scope: 'col', text: setting === 'all' ? t('dashboard.involvement.allPeers') : label('setting', setting),
    }))));
  const line = (key, label, value) => row(key, label, ...columns.map(([, figures]) => value(figures ?? {})));
  const group = label => el('tr', { class: 'group' }, el('th', { scope: 'colgroup', colspan: String(columns.length + 1), text: label }));
  rows(tableNode, [
    line('activePeers', t('dashboard.involvement.activePeers'), f => format.count(f.activePeers)),
    line('hours', t('dashboard.involvement.hours'), f => format.hours(f.hours)),
    line('shareCoDecidingOrLeading', t('dashboard.involvement.share'), f => format.share(f.shareCoDecidingOrLeading)),
    line('trainings', t('dashboard.involvement.trainings'), f => format.count(f.trainings)),
    line('trainingHours', t('dashboard.involvement.trainingHours'), f => format.hours(f.trainingHours)),
    line('compensation', t('dashboard.involvement.compensation'), f => compensation(f.compensation)),
    group(t('dashboard.involvement.byLevel')),
    ...levels.map(level => line(`level:${level}`, label('level', level), f => format.hours(f.hoursByLevel?.[level] ?? 0))),
    group(t('dashboard.involvement.byRole')),
    ...roles.map(role => line(`role:${role}`, label('role', role), f => format.hours(f.hoursByRole?.[role] ?? 0))),
  ]);
  root.querySelector('[data-list="settings"]').replaceChildren(...settings.flatMap(setting => {
    const figures = month.bySetting[setting];
    const name = label('setting', setting);
    return [
      tile(t('dashboard.involvement.settingActivePeers', { setting: name }), `${setting}.activePeers`,
        format.count(figures.activePeers)),
      tile(t('dashboard.involvement.settingHours', { setting: name }), `${setting}.hours`, format.hours(figures.hours)),
      tile(t('dashboard.involvement.settingShare', { setting: name }), `${setting}.shareCoDecidingOrLeading`,
        format.share(figures.shareCoDecidingOrLeading)),
    ];
  }));
  const series = (pick, keys) => settings.map(setting => ({
    name: label('setting', setting),
    values: keys.map(key => format.plotted(month.bySetting[setting][pick]?.[key] ?? 0)),
  }));
  charts.bars(chartElement(root, 'levels'), summaryElement(root, 'levels'), {
    categories: levels.map(level => label('level', level)), series: series('hoursByLevel', levels), unit: ' h',
  });
  charts.bars(chartElement(root, 'roles'), summaryElement(root, 'roles'), {
    categories: roles.map(role => label('role', role)), series: series('hoursByRole', roles), horizontal: true, unit: ' h',
  });
}

function compensation(amounts) {
  if (amounts === undefined) {
    return t('dashboard.involvement.notShown');
  }
  const entries = Object.entries(amounts);
  return entries.length ? entries.map(([currency, amount]) => format.money(amount, currency)).join(', ') : format.money(0, 'EUR');
}

// ---- the live indicator ----

const LIVE_TEXT = {
  connecting: 'dashboard.live.connecting',
  connected: 'dashboard.live.connected',
  reconnecting: 'dashboard.live.reconnecting',
  offline: 'dashboard.live.offline',
};

function showLive(state) {
  $('#live').dataset.state = state;
  $('#live-text').dataset.i18n = LIVE_TEXT[state];
  $('#live-text').textContent = t(LIVE_TEXT[state]);
}

// ---- activity: the log of events with their corrections; a coordinator or an admin corrects from it ----

/** The events listed now, by eventId, for the correction dialog. */
const listed = new Map();
let correcting = null;

async function loadActivity() {
  const from = new Date(`${$('#from').value}T00:00:00`).toISOString();
  const to = new Date(`${addDays($('#to').value, 1)}T00:00:00`).toISOString();
  const [log, reasons] = await Promise.all([
    api('activity', { from, to, size: PAGE_SIZE }),
    catalogue.codes('correctionReasons'),
  ]);
  const root = panel('activity');
  fillReasons(reasons);
  listed.clear();
  log.items.forEach(event => listed.set(event.eventId, event));
  figure(root, 'activityTotal', format.count(log.total));
  rows(table(root, 'activity'), log.items.map(activityRow));
  more(root, 'activity', log.total > log.items.length
    ? t('dashboard.showingNewest', { shown: log.items.length, total: format.count(log.total) }) : '');
}

function activityRow(event) {
  const by = event.submittedBy;
  const sender = by ? [by.role, by.peerId].filter(Boolean).join(' ') : format.NONE;
  const corrections = (event.corrections ?? []).map(c =>
    t(c.type === 'event.voided' ? 'dashboard.activity.voidedBy' : 'dashboard.activity.amendedBy',
      { reason: label('reason', c.reason), role: c.submittedBy?.role ?? '?', at: format.moment(c.occurredAt) }))
    .join('; ') || format.NONE;
  const tr = row(event.eventId, format.moment(event.occurredAt), event.type, event.subject ?? format.NONE,
    event.peerId ?? format.NONE, sender, corrections);
  const cell = el('td');
  if (!event.type.startsWith('event.')) {
    const button = el('button', { type: 'button', class: 'quiet', 'data-correct': event.eventId, text: t('dashboard.activity.correctButton') });
    button.addEventListener('click', () => openCorrection(event.eventId));
    cell.append(button);
  }
  tr.append(cell);
  return tr;
}

function fillReasons(reasons) {
  const select = $('#correct-reason');
  if (select.options.length === reasons.length && select.dataset.language === i18n.current()) {
    return;
  }
  select.dataset.language = i18n.current();
  select.replaceChildren(...reasons.map(reason => el('option', { value: reason, text: label('reason', reason) })));
}

function correctionKind() {
  return $('#correct-form').querySelector('input[name="kind"]:checked').value;
}

function showCorrectionFields() {
  const kind = correctionKind();
  $('#correct-form').querySelectorAll('[data-for]').forEach(node => {
    node.hidden = node.dataset.for !== kind;
  });
}

function openCorrection(eventId) {
  correcting = listed.get(eventId);
  if (!correcting) {
    return;
  }
  const form = $('#correct-form');
  form.reset();
  $('#correct-problem').textContent = '';
  $('#correct-what').textContent = t('dashboard.activity.what', {
    type: correcting.type, subject: correcting.subject ?? '?', peer: correcting.peerId ?? '?',
    at: format.moment(correcting.occurredAt),
  });
  $('#correct-payload').value = JSON.stringify(correcting.payload ?? {}, null, 2);
  showCorrectionFields();
  $('#correct-dialog').showModal();
}

$('#correct-form').addEventListener('change', showCorrectionFields);
$('#correct-cancel').addEventListener('click', () => $('#correct-dialog').close());

$('#correct-form').addEventListener('submit', async submitted => {
  submitted.preventDefault();
  const target = correcting;
  const kind = correctionKind();
  const payload = { targetEventId: target.eventId, targetType: target.type, reason: $('#correct-reason').value };
  if (kind === 'event.voided') {
    payload.targetSubject = target.subject;
    const note = $('#correct-note').value.trim();
    if (note) {
      payload.note = note;
    }
  } else {
    try {
      payload.payload = JSON.parse($('#correct-payload').value);
    } catch (error) {
      $('#correct-problem').textContent = t('dashboard.activity.notJson', { problem: error.message });
      return;
    }
  }
  const correction = {
    eventId: crypto.randomUUID(),
    type: kind,
    version: 1,
    orgId: session.org,
    peerId: target.peerId,
    occurredAt: new Date().toISOString(),
    payload,
  };
  try {
    const result = await send(correction);
    if (result.status !== 'accepted') {
      $('#correct-problem').textContent = t('dashboard.activity.notTaken', {
        why: (result.errors ?? []).map(e => `${e.field}: ${e.message}`).join('; ') || result.status,
      });
      return;
    }
    $('#correct-dialog').close();
    panel('activity').querySelector('[data-correction-result]').textContent =
      t(kind === 'event.voided' ? 'dashboard.activity.voided' : 'dashboard.activity.amended',
        { type: target.type, subject: target.subject ?? '?' });
    refresh('activity');
  } catch (error) {
    $('#correct-problem').textContent = error.message;
  }
});

/** Sends one event to the intake; answers its per-event result. */
async function send(event) {
  const response = await fetch(`/api/v1/orgs/${encodeURIComponent(session.org)}/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${session.token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Accept-Language': i18n.current(),
    },
    body: JSON.stringify(event),
    credentials: 'omit',
  });
  if (response.status === 401) {
    throw new SignedOut(t('dashboard.signIn.refused'));
  }
  const body = await response.json().catch(() => ({}));
  if (Array.isArray(body.results) && body.results.length === 1) {
    return body.results[0];
  }
  throw new Error(t('dashboard.activity.notSent', { status: `${response.status}${body.detail ? `: ${body.detail}` : ''}` }));
}

// ---- building the page (text only) ----

/** A coded value as the catalogue names it in the page's language (codes.{list}), else the code as words. */
function label(list, value) {
  return i18n.code(list, value) ?? format.words(value);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, value);
    }
  });
  node.append(...children.filter(child => child !== null && child !== undefined));
  return node;
}

function tile(label, name, text) {
  return el('div', { class: 'tile' }, el('dt', { text: label }), el('dd', { 'data-figure': name, text }));
}

function row(key, header, ...cells) {
  return el('tr', { 'data-key': key }, el('th', { scope: 'row', text: header }), ...cells.map(cell => el('td', { text: cell })));
}

function rows(tableNode, trs) {
  const body = tableNode.tBodies[0];
  body.replaceChildren(...trs);
  if (trs.length === 0) {
    const columns = tableNode.tHead.rows[0]?.cells.length ?? 1;
    body.append(el('tr', { class: 'none' }, el('td', { colspan: String(columns), text: t('dashboard.nothing') })));
  }
}

function figure(root, name, text) {
  root.querySelectorAll(`[data-figure="${name}"]`).forEach(node => {
    node.textContent = text;
  });
}

function more(root, name, text) {
  root.querySelector(`[data-more="${name}"]`).textContent = text;
}

function table(root, name) {
  return root.querySelector(`[data-table="${name}"]`);
}

function chartElement(root, name) {
  return root.querySelector(`[data-chart="${name}"]`);
}

function summaryElement(root, name) {
  return root.querySelector(`[data-summary="${name}"]`);
}

function chartOrEmpty(root, name, count, message, chart) {
  if (count === 0) {
    charts.empty(chartElement(root, name), summaryElement(root, name), message);
  } else {
    charts.bars(chartElement(root, name), summaryElement(root, name), chart);
  }
}

// ---- days ----

function isoDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function addDays(iso, days) {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

function datesFrom(from, to) {
  const dates = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
}

// ---- the language: the catalogue's, chosen on the page or the browser's ----

$('#language').addEventListener('change', async () => {
  await i18n.use($('#language').value, true);
  format.useLocale(i18n.locale());
  if (session) {
    showWho();
    showPeriod();
    refreshShown();
  }
});

async function startIn(language) {
  try {
    await i18n.use(language);
  } catch {
    // without a catalogue the page keeps the English it is written in
  }
  format.useLocale(i18n.locale());
  $('#language').value = i18n.current();
  // back from the issuer's login page: its token is kept like a pasted one
  try {
    const token = await signin.complete();
    if (token) {
      tokens.store(token);
    }
  } catch {
    showSignIn(t('dashboard.signIn.failed'));
    return;
  }
  start();
}

startIn(i18n.preferred());
