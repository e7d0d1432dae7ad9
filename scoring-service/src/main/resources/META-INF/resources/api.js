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

/** Thrown for a 401: the page is not signed in (or its token expired). */
export class Unauthorized extends Error {}

export async function fetchJson(url, options) {
  return (await fetchPage(url, options)).body;
}

/**
 * The arrays of a paged answer (each page's `Link: <...>; rel="next"` leads to the next), joined;
 * at most maxPages pages.
 */
export async function fetchAllPages(url, { maxPages = 10 } = {}) {
  const items = [];
  for (let page = 0; url && page < maxPages; page++) {
    const { body, next } = await fetchPage(url);
    items.push(...body);
    // the link is an absolute path; the page may be served below a prefix
    url = next && new URL(next.replace(/^\//, ''), new URL('./', window.location.href)).href;
  }
  return items;
}

async function fetchPage(url, { timeoutMs = 10000 } = {}) {
  const response = await fetch(url, {
    headers: { Accept: 'application/json' },
    // the sign-in cookie goes to the alert service too (another origin on the same site)
    credentials: 'include',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status === 401) {
    throw new Unauthorized(`${url}: HTTP 401`);
  }
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  const link = response.headers.get('Link');
  const next = link && /<([^>]*)>\s*;\s*rel="?next"?/.exec(link);
  return { body: await response.json(), next: next ? next[1] : null };
}

/**
 * The sign-in (security.md): the token is kept by the scoring service in an HttpOnly,
 * SameSite=Strict cookie, so this page never holds it and both event streams carry it.
 */
export const session = {
  /** Who is signed in, or null. */
  async current() {
    try {
      return await fetchJson('api/session');
    } catch (error) {
      if (error instanceof Unauthorized) return null;
      throw error;
    }
  },
  /** Signs in with a token; the session, or an Error saying why not. */
  async signIn(token) {
    const response = await fetch('api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'include',
    });
    if (!response.ok) {
      let detail = `HTTP ${response.status}`;
      try {
        detail = (await response.json()).detail ?? detail;
      } catch {
        // not JSON: the status says enough
      }
      throw new Error(detail);
    }
    return response.json();
  },
  async signOut() {
    await fetch('api/session', { method: 'DELETE', credentials: 'include' });
  },
};

/**
 * A Server-Sent Events stream that reports its state: 'connecting', 'live', 'reconnecting' (it
 * was live and broke; the browser retries) or 'down' (it cannot be reached; we retry with
 * back-off, as a browser gives up on an answer that is not an event stream).
 */
export function liveStream(url, eventName, { onData, onState, onOpen, onSignedOut }) {
  let source;
  let retryMs = 1000;
  let wasLive = false;
  let timer;

  const open = () => {
    onState(wasLive ? 'reconnecting' : 'connecting');
    source = new EventSource(url, { withCredentials: true });
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
        // a stream refused because the token expired or was signed out: no retry, sign in again
        session.current().then(
          (who) => {
            if (who === null) {
              onSignedOut?.();
            } else {
              timer = setTimeout(open, retryMs);
              retryMs = Math.min(retryMs * 2, 30000);
            }
          },
          () => {
            timer = setTimeout(open, retryMs);
            retryMs = Math.min(retryMs * 2, 30000);
          },
        );
      } else {
        onState(wasLive ? 'reconnecting' : 'down');
      }
    });
  };
  open();
  return { close: () => { clearTimeout(timer); source?.close(); } };
}
