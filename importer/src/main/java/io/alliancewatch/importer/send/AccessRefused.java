package io.alliancewatch.importer.send;

import io.alliancewatch.importer.send.EventSink.SinkException;

/**
 * Ingest answered 401 (no token, or one it does not trust) or 403 (a token without the right): no
 * retry changes that, and every later request would be refused the same way, so the run stops.
 */
public final class AccessRefused extends SinkException {

  /** What was asked, for the advice: posting indicators, or reading the registry. */
  public enum Action {
    POST_INDICATORS,
    READ_REGISTRY
  }

  private final int status;
  private final boolean tokenGiven;
  private final Action action;

  AccessRefused(String message, int status, boolean tokenGiven, Action action) {
    super(message);
    this.status = status;
    this.tokenGiven = tokenGiven;
    this.action = action;
  }

  public int status() {
    return status;
  }

  /**
   * What to do about it, in a sentence or two for standard error; {@code sources} is what to put
   * after {@code --source} in the suggested {@code ./alliance-watch token} command.
   */
  public String advice(String sources) {
    String make =
        "./alliance-watch token --role feeder --source "
            + sources
            + ", then give it with --token or export ALLIANCE_WATCH_TOKEN=$(...)";
    if (status == 401 && !tokenGiven) {
      return "ingest needs a token (401): make one with " + make;
    }
    if (status == 401) {
      return "ingest refused the token (401): it has expired, is not signed by the key ingest"
          + " verifies with (another data/keys?) or names another issuer; make a new one with "
          + make;
    }
    if (action == Action.READ_REGISTRY) {
      return "this token may not read ingest's registry (403): that needs the viewer or feeder"
          + " role; make one with "
          + make
          + " (or map without the registry: --alliances bundled)";
    }
    return "this token may not post these indicators (403): posting needs the feeder role with"
        + " each event's source in its sources (or admin); make one with "
        + make;
  }
}
