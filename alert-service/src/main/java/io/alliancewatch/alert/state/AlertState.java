package io.alliancewatch.alert.state;

import java.time.Instant;

/**
 * The durable state of one (subscription, alliance).
 *
 * @param breachSince when the current breach began (PENDING and FIRING)
 * @param alertId set when the alert fires; the same on its repeats and its resolution
 * @param startsAt when it fired
 * @param lastSentAt when the latest firing or repeat was made (the repeat clock)
 * @param rulesVersion the subscription's rules this state was last evaluated with; a PUT that
 *     changes them re-evaluates at once
 */
public record AlertState(
    Phase phase,
    Instant breachSince,
    String alertId,
    Instant startsAt,
    Instant lastSentAt,
    String rulesVersion) {

  public static AlertState ok(String rulesVersion) {
    return new AlertState(Phase.OK, null, null, null, null, rulesVersion);
  }

  AlertState withRules(String version) {
    return new AlertState(phase, breachSince, alertId, startsAt, lastSentAt, version);
  }
}
