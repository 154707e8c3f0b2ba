// The live stream: GET /api/v1/orgs/{org}/live as Server-Sent Events. An EventSource cannot send headers, so the
// token goes as access_token in the query, which the API accepts on that path only. "ready" comes on every
// (re)connection; notifications missed while disconnected are not replayed, so the page re-reads what it shows.
// When the browser says it went offline (a laptop's lid, a lost Wi-Fi), the stream is closed at once rather than
// left to look live, and opened again when the browser is back online.

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30000;

/**
 * Opens the stream and keeps it open until close() is called.
 *
 * @param url       () => the stream's URL (asked again at each reconnection)
 * @param onState   (state) => void; 'connecting', 'connected', 'reconnecting' or 'offline'
 * @param onReady   (reconnected) => void; after each "ready"
 * @param onChange  ({view, ids, orgId}) => void; for each "view-change"
 * @param onClosed  () => boolean; when the server refused or ended the stream; false stops retrying
 */
export function connect({ url, onState, onReady, onChange, onClosed }) {
  let source = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer = null;
  let connectedBefore = false;
  let stopped = false;
  const listening = new AbortController();

  function open() {
    retryTimer = null;
    onState(connectedBefore ? 'reconnecting' : 'connecting');
    source = new EventSource(url());
    source.addEventListener('ready', () => {
      retryMs = FIRST_RETRY_MS;
      onState('connected');
      onReady(connectedBefore);
      connectedBefore = true;
    });
    source.addEventListener('view-change', event => {
      let change;
      try {
        change = JSON.parse(event.data);
      } catch {
        return;
      }
      if (change && typeof change.view === 'string') {
        onChange(change);
      }
    });
    source.addEventListener('error', () => {
      if (stopped) {
        return;
      }
      if (source.readyState === EventSource.CONNECTING) {
        // the browser reconnects by itself; "ready" tells when it is back
        onState('reconnecting');
        return;
      }
      // closed for good by the browser (e.g. the server answered 401): reconnect ourselves, backing off
      source.close();
      onState('offline');
      if (onClosed() && !retryTimer) {
        retryTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
      }
    });
  }

  window.addEventListener('offline', () => {
    clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    onState('offline');
  }, { signal: listening.signal });
  window.addEventListener('online', () => {
    if (!retryTimer && source?.readyState === EventSource.CLOSED) {
      open();
    }
  }, { signal: listening.signal });

  open();
  return {
    close() {
      stopped = true;
      listening.abort();
      clearTimeout(retryTimer);
      source?.close();
      onState('offline');
    },
  };
}
