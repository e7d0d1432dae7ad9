// The alert service's view: the alerts firing now and the latest notifications.

import { el } from './cards.js';
import * as format from './format.js';

const RECENT = 8;

/** What is firing, kept from GET /api/alerts/active and the notification stream. */
export class AlertBook {
  active = new Map();
  recent = [];
  #loading = null;

  /** Replaces the book with the service's answers, then replays what the stream said meanwhile. */
  startLoad() {
    this.#loading = [];
  }

  finishLoad(active, recent) {
    const during = this.#loading ?? [];
    this.#loading = null;
    this.active = new Map(active.map((alert) => [alert.alertId, alert]));
    this.recent = recent.slice(0, RECENT);
    during.forEach((notification) => this.#apply(notification));
  }

  failLoad() {
    this.#loading = null;
  }

  notify(notification) {
    this.#loading?.push(notification);
    this.#apply(notification);
  }

  #apply(notification) {
    if (notification.status === 'firing') {
      this.active.set(notification.alertId, { ...this.active.get(notification.alertId), ...notification });
    } else if (notification.status === 'resolved') {
      this.active.delete(notification.alertId);
    }
    const key = (n) => `${n.alertId}/${n.status}/${n.scoreAsOf}`;
    this.recent = [notification, ...this.recent.filter((n) => key(n) !== key(notification))].slice(0, RECENT);
  }

  of(allianceId) {
    return [...this.active.values()].filter((alert) => alert.allianceId === allianceId);
  }
}

const rule = (alert) =>
  alert.condition && Number.isFinite(alert.threshold) ? ` ${alert.condition} ${format.score(alert.threshold)}` : '';

/**
 * state: the alert stream's ('live', 'down', ...); url: where the alert service was looked for;
 * lostAt: when a live stream broke.
 */
export function renderAlerts(book, state, url, lostAt) {
  const active = [...book.active.values()].sort((a, b) => String(b.startsAt).localeCompare(String(a.startsAt)));
  document.getElementById('alerts').dataset.stale = String(state !== 'live');
  const none = document.getElementById('no-alerts');
  none.hidden = active.length > 0;
  none.textContent =
    state === 'live'
      ? 'No alert is firing.'
      : state === 'down'
        ? `The alert service (${url}) cannot be reached: no alert is known.`
        : state === 'reconnecting'
          ? `The alert service (${url}) stopped answering ${format.ago(lostAt)}: no alert was firing then.`
          : 'No alert known yet.';
  document.getElementById('active-alerts').replaceChildren(
    ...active.map((alert) =>
      el(
        'li',
        { class: 'alert firing', 'data-alert-id': alert.alertId, 'data-alliance': alert.allianceId },
        el('strong', {}, alert.allianceId),
        el('span', {}, ` ${alert.metric}${rule(alert)}: `),
        el('span', { class: 'value' }, format.score(alert.value)),
        el('span', { class: 'muted' }, ` · firing since ${format.dateTime(alert.startsAt)}`),
      ),
    ),
  );
  document.getElementById('recent').hidden = book.recent.length === 0;
  document.getElementById('recent-alerts').replaceChildren(
    ...book.recent.map((n) =>
      el(
        'li',
        { class: n.status, 'data-alert-id': n.alertId },
        el('span', { class: `status ${n.status}` }, n.status),
        ` ${n.allianceId} ${n.metric}${rule(n)} at ${format.score(n.value)} · ${format.dateTime(n.createdAt ?? n.scoreAsOf)}`,
      ),
    ),
  );
}
