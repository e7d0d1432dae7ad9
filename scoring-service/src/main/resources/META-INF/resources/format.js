// Words and numbers: how the dashboard says what a score record holds (scoring.md sections 2, 4, 7).

// Contribution names as a reader says them; the seven types and the three special terms.
const TERMS = {
  BASELINE: 'baseline',
  DEFENSE_SPENDING: 'spending shortfall',
  COHESION: 'cohesion gap',
  POLITICAL_TENSION: 'political tension',
  PUBLIC_OPINION_SHIFT: 'public opinion shift',
  ESPIONAGE: 'espionage',
  COMMITMENT_WITHDRAWAL: 'commitment withdrawal',
  JOINT_EXERCISE: 'joint exercises',
  INTELLIGENCE_SHARING: 'intelligence sharing',
  COMMITMENT_REAFFIRMED: 'reaffirmed commitments',
  CYBER_INCIDENT: 'cyber incidents',
  MILITARY_INCIDENT: 'military incidents',
  HYBRID_THREAT: 'hybrid threats',
  TERRORISM: 'terrorism',
  CLIMATE_DISASTER: 'climate disasters',
  PANDEMIC: 'pandemics',
};

const THREATS = new Set([
  'CYBER_INCIDENT',
  'MILITARY_INCIDENT',
  'HYBRID_THREAT',
  'TERRORISM',
  'CLIMATE_DISASTER',
  'PANDEMIC',
]);

/** The score an event type moves: threats move risk, the others cohesion. */
export const metricOf = (type) => (THREATS.has(type) ? 'risk' : 'cohesion');

/** Whether a term is good or bad news: more cohesion is good, more risk is bad. */
export const tone = (metric, value) => ((metric === 'risk') === value > 0 ? 'bad' : 'good');

export const term = (name) => TERMS[name] ?? name.toLowerCase().replaceAll('_', ' ');

export const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** A score, one decimal: 78.7. */
export const score = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');

/** A signed log-odds term, two decimals with a true minus sign: +0.28, −0.17. */
export const signed = (value) => {
  const text = Math.abs(value).toFixed(2);
  if (text === '0.00') return '±0.00';
  return (value < 0 ? '\u2212' : '+') + text;
};

export const percent = (value, digits = 1) => `${(value * 100).toFixed(digits)} %`;

/** The terms of one side of the record that moved the score, largest first; the baseline left out. */
export function movingTerms(map) {
  return Object.entries(map ?? {})
    .filter(([name, value]) => name !== 'BASELINE' && Math.abs(value) >= 0.005)
    .sort(([a, x], [b, y]) => Math.abs(y) - Math.abs(x) || a.localeCompare(b));
}

/**
 * One sentence on what moved a score: "Lowered by political tension (−0.17); raised by joint
 * exercises (+0.09)." Positive log-odds raise the score whichever the metric.
 */
export function explain(map) {
  const terms = movingTerms(map);
  if (terms.length === 0) return 'At its baseline: no evidence is moving it.';
  const list = (items) => items.map(([name, value]) => `${term(name)} (${signed(value)})`).join(', ');
  const up = terms.filter(([, value]) => value > 0);
  const down = terms.filter(([, value]) => value < 0);
  const parts = [];
  if (up.length) parts.push(`raised by ${list(up)}`);
  if (down.length) parts.push(`lowered by ${list(down)}`);
  return `${capitalised(parts.join('; '))}.`;
}

const TIME = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export const dateTime = (instant) => (instant ? TIME.format(new Date(instant)) : '–');
export const shortDate = (instant) => SHORT_DATE.format(new Date(instant));

/** "just now", "4 min ago", "3 h ago", "2 d ago". */
export function ago(instant, now = Date.now()) {
  const seconds = Math.max(0, (now - new Date(instant).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}
