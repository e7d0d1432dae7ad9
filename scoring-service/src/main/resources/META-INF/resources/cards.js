// One card per alliance: where it stands, where it is heading, and why.

import { contributionBar, gauge, trendChart } from './charts.js';
import * as format from './format.js';

/** A DOM element with a class, attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

/**
 * view: {record, name, previous, points, alerts, stale, receivedAt}; name is the registry's name of
 * the alliance ('' while unknown), previous the record before this one (for the change), points the
 * trend, alerts the active alerts of this alliance.
 */
export function allianceCard(view) {
  const { record } = view;
  return el(
    'article',
    {
      class: 'card',
      'data-alliance': record.allianceId,
      'data-stale': String(view.stale),
      'data-alerting': String(view.alerts.length > 0),
    },
    heading(record, view.name, view.alerts),
    el('div', { class: 'scores' }, scoreBox(record, view.previous, 'cohesion'), scoreBox(record, view.previous, 'risk')),
    trend(record, view.points),
    why(record),
    drivers(record),
    spending(record),
    el(
      'footer',
      { class: 'meta' },
      `As of ${format.dateTime(record.asOf)} · ${record.eventCount} event${record.eventCount === 1 ? '' : 's'} · model ${record.modelVersion}`,
      view.stale ? el('span', { class: 'stale-note' }, ` · not live: received ${format.ago(view.receivedAt)}`) : null,
    ),
  );
}

function heading(record, name, alerts) {
  return el(
    'header',
    { class: 'card-head' },
    el('div', {}, el('h2', {}, record.allianceId), el('p', { class: 'name' }, name ?? '')),
    alerts.length
      ? el(
          'ul',
          { class: 'badges' },
          alerts.map((alert) =>
            el('li', { class: 'badge firing', title: `since ${format.dateTime(alert.startsAt)}` }, `${alert.metric} alert`),
          ),
        )
      : null,
  );
}

function scoreBox(record, previous, metric) {
  const value = record[metric];
  const change = previous ? value - previous[metric] : 0;
  const worse = metric === 'risk' ? change > 0 : change < 0;
  return el(
    'div',
    { class: `score ${metric}`, 'data-metric': metric, 'data-value': String(value) },
    el('span', { class: 'label' }, format.capitalised(metric)),
    el('span', { class: 'value' }, format.score(value)),
    Math.abs(change) >= 0.05
      ? el(
          'span',
          { class: `change ${worse ? 'worse' : 'better'}`, title: 'since the previous record' },
          `${change > 0 ? '▲' : '▼'} ${Math.abs(change).toFixed(1)}`,
        )
      : null,
    gauge(value, metric),
  );
}

function trend(record, points) {
  const caption =
    points.length > 1
      ? `Since ${format.shortDate(points[0].at)}: ${points.length} records`
      : 'No history yet: the line grows as records arrive';
  return el(
    'figure',
    { class: 'trend-box' },
    trendChart(points, `Cohesion and risk of ${record.allianceId} over time`),
    el(
      'figcaption',
      {},
      el('span', { class: 'key cohesion' }, 'cohesion'),
      el('span', { class: 'key risk' }, 'risk'),
      el('span', { class: 'muted' }, caption),
    ),
  );
}

function why(record) {
  const { cohesion, risk } = record.contributions ?? {};
  const cohesionTerms = format.movingTerms(cohesion);
  const riskTerms = format.movingTerms(risk);
  const scale = Math.max(1, ...[...cohesionTerms, ...riskTerms].map(([, value]) => Math.abs(value)));
  const side = (metric, map, terms) =>
    el(
      'div',
      { class: 'why-side', 'data-metric': metric },
      el('p', { class: 'explain' }, el('strong', {}, `${format.capitalised(metric)}: `), format.explain(map)),
      terms.length
        ? el(
            'ul',
            { class: 'bars' },
            terms.map(([name, value]) =>
              el(
                'li',
                { 'data-term': name },
                el('span', { class: 'term' }, format.capitalised(format.term(name))),
                contributionBar(value, scale, format.tone(metric, value)),
                el('span', { class: `num ${format.tone(metric, value)}` }, format.signed(value)),
              ),
            ),
          )
        : null,
    );
  return el(
    'section',
    { class: 'why' },
    el('h3', {}, 'What moves the scores'),
    side('cohesion', cohesion, cohesionTerms),
    side('risk', risk, riskTerms),
  );
}

/** Only http(s) links are followed; a driver without one shows where it came from. */
function evidence(driver) {
  const label = `${driver.source} · ${driver.id}`;
  if (typeof driver.url === 'string' && /^https?:\/\//i.test(driver.url)) {
    return el('a', { href: driver.url, target: '_blank', rel: 'noopener noreferrer', class: 'evidence' }, label);
  }
  return el('span', { class: 'evidence', title: 'The score record carries no link for this event' }, label);
}

function drivers(record) {
  const list = record.drivers ?? [];
  return el(
    'section',
    { class: 'drivers' },
    el('h3', {}, 'Driver events'),
    list.length
      ? el(
          'ol',
          {},
          list.map((driver) =>
            el(
              'li',
              { 'data-source': driver.source, 'data-id': driver.id },
              el(
                'span',
                { class: `num ${format.tone(format.metricOf(driver.type), driver.effect)}` },
                format.signed(driver.effect),
              ),
              el('span', { class: 'what' }, `${format.capitalised(driver.type.toLowerCase().replaceAll('_', ' '))} · ${driver.country}`),
              evidence(driver),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'No event moves the scores now.'),
  );
}

function spending(record) {
  const below = record.membersBelowGuideline ?? [];
  const silent = record.membersNotReporting ?? [];
  return el(
    'section',
    { class: 'spending' },
    el('h3', {}, 'Burden sharing'),
    below.length
      ? [
          el(
            'p',
            {},
            `${below.length} member${below.length === 1 ? '' : 's'} below the spending guideline; mean shortfall ${format.percent(record.spendingShortfall)}.`,
          ),
          el(
            'ul',
            { class: 'chips' },
            below.map((member) => el('li', { 'data-country': member.country }, `${member.country} ${member.value.toFixed(2)} %`)),
          ),
        ]
      : el('p', {}, 'No member below the spending guideline.'),
    silent.length
      ? el(
          'p',
          { class: 'muted', title: silent.join(', ') },
          silent.length <= 8
            ? `Not reporting spending: ${silent.join(', ')}.`
            : `${silent.length} members not reporting spending.`,
        )
      : null,
  );
}
