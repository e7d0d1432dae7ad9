package io.alliancewatch.importer.core;

import java.util.List;

/** What a mapper makes of one source line: events to send, or a counted skip. */
public sealed interface LineOutcome {

  /** One line gives these events (several when it concerns several alliances). */
  record Send(List<Payload> payloads) implements LineOutcome {
    public Send {
      payloads = List.copyOf(payloads);
    }
  }

  /** The line gives no event; {@code reason} is the summary's heading, {@code detail} the why. */
  record Skip(String reason, String detail) implements LineOutcome {}

  static LineOutcome skip(String reason, String detail) {
    return new Skip(reason, detail);
  }
}
