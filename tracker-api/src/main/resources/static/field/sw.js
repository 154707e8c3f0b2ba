// The field app's service worker: the shell (pages, code, styles, icons, message catalogue, event schemas) from the
// cache, refreshed from the network in the background, so that the app opens and works offline after one visit.
// API calls are never cached: the outbox in IndexedDB is what keeps events, not this worker.

// named after the shell's files (FieldShellVersionTest): a new shell is a new cache, installed whole
const CACHE = 'peer-tracker-field-9d6903f7a5de';
const TYPES = [
  'envelope', 'outreach.session-started', 'outreach.contact-recorded', 'outreach.signal-reported',
  'outreach.session-ended', 'case.opened', 'case.contact-logged', 'case.referral-made', 'case.referral-closed',
  'case.closed', 'peer.involvement-recorded', 'event.voided', 'event.amended',
];
const SHELL = [
  '/field/', '/field/field.css', '/field/app.js', '/field/forms.js', '/field/i18n.js', '/field/outbox.js',
  '/field/pkce.js', '/field/schema.js', '/field/signin.js', '/field/sync.js', '/field/manifest.json', '/field/icons/icon-192.png',
  '/field/icons/icon-512.png',
  '/i18n/messages.js',
  ...['en', 'nl'].flatMap(lang => [`/i18n/${lang}/messages.json`, `/i18n/${lang}/rules.json`]),
  ...TYPES.map(type => `/api/v1/schemas/${type}`),
];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE)
    .then(cache => cache.addAll(SHELL.map(url => new Request(url, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name !== CACHE).map(name => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !cached(url)) {
    return;
  }
  const key = event.request.mode === 'navigate' ? '/field/' : url.pathname;
  event.respondWith(caches.open(CACHE).then(async cache => {
    const hit = await cache.match(key);
    const fresh = fetch(event.request.mode === 'navigate' ? key : event.request)
      .then(async response => {
        if (response.ok) {
          // kept before the worker may stop: waitUntil below holds it for a cached answer
          await cache.put(key, response.clone());
        }
        return response;
      });
    if (hit) {
      fresh.catch(() => {});
      event.waitUntil(fresh.then(() => {}, () => {}));
      return hit;
    }
    return fresh;
  }));
});

function cached(url) {
  return (url.pathname.startsWith('/field/') && url.pathname !== '/field/config.json')
    || url.pathname.startsWith('/i18n/') || url.pathname.startsWith('/api/v1/schemas/');
}
