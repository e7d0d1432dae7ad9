package io.alliancewatch.importer.testing;

import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.core.Alliances;
import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.core.Payload;
import io.alliancewatch.importer.gdelt.GdeltMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Runs lines through the GDELT mapper with the bundled memberships and reads the events back. */
public final class Mapped {

  private static final AllianceDirectory BUNDLED = bundled();

  private Mapped() {}

  public static AllianceDirectory bundledAlliances() {
    return BUNDLED;
  }

  public static LineOutcome outcome(GdeltLine line) {
    return new GdeltMapper(BUNDLED).map(line.toString());
  }

  /** The events of a line that must give events. */
  public static List<IndicatorEvent> events(GdeltLine line) {
    LineOutcome outcome = outcome(line);
    if (!(outcome instanceof LineOutcome.Send send)) {
      throw new AssertionError("expected events, got " + outcome);
    }
    return send.payloads().stream().map(Mapped::read).toList();
  }

  /** The skip of a line that must give none. */
  public static LineOutcome.Skip skip(GdeltLine line) {
    LineOutcome outcome = outcome(line);
    if (!(outcome instanceof LineOutcome.Skip skip)) {
      throw new AssertionError("expected a skip, got events " + outcome);
    }
    return skip;
  }

  public static IndicatorEvent read(Payload payload) {
    try {
      return Json.mapper().readValue(payload.json(), IndicatorEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AllianceDirectory bundled() {
    try {
      return Alliances.bundled().directory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
