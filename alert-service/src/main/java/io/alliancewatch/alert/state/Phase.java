package io.alliancewatch.alert.state;

/** Where an alert of one (subscription, alliance) stands (alerts.md "States"). */
public enum Phase {
  OK,
  PENDING,
  FIRING
}
