// The services as the page sees them: JSON over fetch and Server-Sent Events that say how they are.

const DEFAULT_CONFIG = { alertServiceUrl: 'http://localhost:8083' };

/** The scoring service's /api/dashboard/config; its defaults when that cannot be read. */
export async function loadConfig() {
  try {
    return { ...DEFAULT_CONFIG, ...(await fetchJson('api/dashboard/config')) };
  } catch {
    return DEFAULT_CONFIG;
  }
}

export async function fetchJson(url, { timeoutMs = 10000 } = {}) {
  const response = await fetch(url, {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

/**
 * A Server-Sent Events stream that reports its state: 'connecting', 'live', 'reconnecting' (it
 * was live and broke; the browser retries) or 'down' (it cannot be reached; we retry with
 * back-off, as a browser gives up on an answer that is not an event stream).
 */
export function liveStream(url, eventName, { onData, onState, onOpen }) {
  let source;
  let retryMs = 1000;
  let wasLive = false;
  let timer;

  const open = () => {
    onState(wasLive ? 'reconnecting' : 'connecting');
    source = new EventSource(url);
    source.addEventListener('open', () => {
      wasLive = true;
      retryMs = 1000;
      onState('live');
      onOpen?.();
    });
    source.addEventListener(eventName, (event) => {
      try {
        onData(JSON.parse(event.data));
      } catch (error) {
        console.warn(`${url}: unreadable ${eventName}`, error);
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        onState(wasLive ? 'reconnecting' : 'down');
        clearTimeout(timer);
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, 30000);
      } else {
        onState(wasLive ? 'reconnecting' : 'down');
      }
    });
  };
  open();
  return { close: () => { clearTimeout(timer); source?.close(); } };
}
