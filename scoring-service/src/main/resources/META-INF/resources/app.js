// The dashboard: scores and the alliance registry from this service, alerts from the alert
// service, both kept live over Server-Sent Events. State lives here; cards.js and alerts.js only
// draw it.

import { AlertBook, renderAlerts } from './alerts.js';
import { fetchAllPages, fetchJson, liveStream, loadConfig, session } from './api.js';
import { allianceCard } from './cards.js';
import * as format from './format.js';

const ORDER = ['NATO', 'AUKUS', 'QUAD', 'ANZUS', 'CSTO'];
const HISTORY_DAYS = 30;
const MAX_POINTS = 400;

const scores = {
  state: 'connecting',
  lostAt: null,
  latest: new Map(), // allianceId -> record
  previous: new Map(), // allianceId -> the record before it
  receivedAt: new Map(), // allianceId -> when the latest arrived here
  points: new Map(), // allianceId -> [{at, cohesion, risk}], oldest first
  historyAsked: new Set(),
};
const alerts = { state: 'connecting', lostAt: null, url: '', book: new AlertBook() };
// The registry's name of each alliance (GET /api/alliances), asked again, once, for an alliance it
// lacks (one added to the registry since).
const registry = { names: new Map(), askedFor: new Set(), loading: false };

function accept(record) {
  const id = record.allianceId;
  const current = scores.latest.get(id);
  if (current && Date.parse(current.asOf) > Date.parse(record.asOf)) return;
  if (current && current.asOf !== record.asOf) scores.previous.set(id, current);
  scores.latest.set(id, record);
  scores.receivedAt.set(id, Date.now());
  addPoints(id, [record]);
  if (!scores.historyAsked.has(id)) loadHistory(id);
  if (!registry.names.has(id) && !registry.askedFor.has(id)) {
    registry.askedFor.add(id);
    loadRegistry();
  }
}

function addPoints(id, records) {
  const byTime = new Map((scores.points.get(id) ?? []).map((point) => [point.at, point]));
  for (const record of records) {
    const at = Date.parse(record.asOf);
    byTime.set(at, { at, cohesion: record.cohesion, risk: record.risk });
  }
  const from = Date.now() - HISTORY_DAYS * 86400000;
  const points = [...byTime.values()].filter((point) => point.at >= from).sort((a, b) => a.at - b.at);
  scores.points.set(id, thin(points));
}

/** At most MAX_POINTS, evenly picked, keeping the first and the latest. */
function thin(points) {
  if (points.length <= MAX_POINTS) return points;
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round(i * step)]);
}

async function loadHistory(id) {
  scores.historyAsked.add(id);
  const from = new Date(Date.now() - HISTORY_DAYS * 86400000).toISOString();
  try {
    const records = await fetchAllPages(
      `api/alliances/${encodeURIComponent(id)}/history?from=${from}`,
    );
    addPoints(id, records);
    render();
  } catch (error) {
    // No history endpoint answering: the trend grows from the live records alone.
    console.info(`history of ${id}: ${error.message}`);
  }
}

let scoresRetry;

/** GET /api/scores; while it fails (503 while Kafka Streams rebalances), again a few seconds later. */
async function loadScores() {
  clearTimeout(scoresRetry);
  try {
    (await fetchJson('api/scores')).forEach(accept);
    render();
  } catch (error) {
    console.info(`scores: ${error.message}; asking again soon, the stream meanwhile`);
    scoresRetry = setTimeout(loadScores, 5000);
  }
}

let registryRetry;

/** GET /api/alliances: the names; while it fails (503 at start), again a few seconds later. */
async function loadRegistry() {
  if (registry.loading) return;
  registry.loading = true;
  clearTimeout(registryRetry);
  try {
    const alliances = await fetchJson('api/alliances');
    registry.names = new Map(alliances.map((alliance) => [alliance.id, alliance.name ?? '']));
    render();
  } catch (error) {
    console.info(`registry: ${error.message}; asking again soon`);
    registryRetry = setTimeout(loadRegistry, 5000);
  } finally {
    registry.loading = false;
  }
}

async function loadAlerts() {
  alerts.book.startLoad();
  try {
    const [active, recent] = await Promise.all([
      fetchJson(`${alerts.url}/api/alerts/active`),
      fetchJson(`${alerts.url}/api/alerts?limit=8`),
    ]);
    alerts.book.finishLoad(active, recent);
  } catch (error) {
    alerts.book.failLoad();
    setAlertsState('down');
  }
  render();
}

const rank = (id) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);

function render() {
  const container = document.getElementById('alliances');
  const ids = [...scores.latest.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  document.getElementById('loading').hidden = ids.length > 0;
  const stale = scores.state !== 'live';
  container.replaceChildren(
    document.getElementById('loading'),
    ...ids.map((id) =>
      allianceCard({
        record: scores.latest.get(id),
        name: registry.names.get(id),
        previous: scores.previous.get(id),
        points: scores.points.get(id) ?? [],
        alerts: alerts.book.of(id),
        stale,
        receivedAt: scores.receivedAt.get(id),
      }),
    ),
  );
  renderAlerts(alerts.book, alerts.state, alerts.url, alerts.lostAt);
  renderStatus();
}

const WORDS = {
  connecting: () => 'connecting…',
  live: () => 'live',
  reconnecting: (lostAt) => `connection lost ${format.ago(lostAt)}, retrying; showing the last data received`,
  down: () => 'cannot be reached, retrying',
};

function renderStatus() {
  for (const [name, service, label] of [
    ['status-scores', scores, 'Scores'],
    ['status-alerts', alerts, 'Alerts'],
  ]) {
    const item = document.getElementById(name);
    item.dataset.state = service.state;
    item.textContent = `${label}: ${WORDS[service.state](service.lostAt)}`;
    if (name === 'status-alerts' && service.state === 'down') item.title = alerts.url;
  }
}

function setScoresState(state) {
  if (state !== 'live' && scores.state === 'live') scores.lostAt = Date.now();
  scores.state = state;
  render();
}

function setAlertsState(state) {
  if (state !== 'live' && alerts.state === 'live') alerts.lostAt = Date.now();
  alerts.state = state;
  render();
}

const streams = [];

/** Signed out (or the token expired): the streams close, the data goes, the sign-in shows. */
function showSignIn(message = '') {
  streams.splice(0).forEach((stream) => stream.close());
  document.body.dataset.signedIn = 'false';
  document.getElementById('signed-in').hidden = true;
  document.querySelector('.services').hidden = true; // nothing is connecting while signed out
  document.getElementById('sign-in').hidden = false;
  document.getElementById('dashboard').hidden = true;
  document.getElementById('sign-in-error').textContent = message;
}

function showSignedIn(who) {
  document.body.dataset.signedIn = 'true';
  document.getElementById('sign-in').hidden = true;
  document.getElementById('dashboard').hidden = false;
  document.getElementById('signed-in').hidden = false;
  document.querySelector('.services').hidden = false;
  document.getElementById('who').textContent = `${who.subject} (${who.roles.join(', ')})`;
}

function setUpSignIn() {
  document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = document.getElementById('token');
    try {
      const who = await session.signIn(field.value.trim());
      field.value = '';
      showSignedIn(who);
      await startStreams();
    } catch (error) {
      document.getElementById('sign-in-error').textContent = `Not signed in: ${error.message}`;
    }
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    await session.signOut();
    // a fresh page: every stream closed, nothing of the data kept
    showSignIn();
    window.location.reload();
  });
}

async function start() {
  setUpSignIn();
  let who = null;
  try {
    who = await session.current();
  } catch (error) {
    console.warn(`session: ${error.message}`);
  }
  if (who === null) {
    showSignIn();
    return;
  }
  showSignedIn(who);
  await startStreams();
}

async function startStreams() {
  const config = await loadConfig();
  alerts.url = config.alertServiceUrl.replace(/\/+$/, '');
  // the scores as they stand, even when the stream cannot be had (the cards then say so)
  loadRegistry();
  loadScores();
  const signedOut = () => showSignIn('Your session ended (signed out or the token expired).');
  streams.push(
    liveStream('api/scores/stream', 'score', {
      onData: (record) => {
        accept(record);
        render();
      },
      onState: setScoresState,
      onOpen: loadScores,
      onSignedOut: signedOut,
    }),
  );
  streams.push(
    liveStream(`${alerts.url}/api/alerts/stream`, 'notification', {
      onData: (notification) => {
        alerts.book.notify(notification);
        render();
      },
      onState: setAlertsState,
      onOpen: loadAlerts,
      onSignedOut: signedOut,
    }),
  );
  // "3 min ago" and the lost-connection notes (header, alerts panel, cards) age even when nothing
  // arrives; while both streams are live only the header has anything to age.
  setInterval(() => (scores.state === 'live' && alerts.state === 'live' ? renderStatus() : render()), 30000);
}

start();
