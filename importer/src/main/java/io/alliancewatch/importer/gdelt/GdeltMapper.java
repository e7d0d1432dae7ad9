package io.alliancewatch.importer.gdelt;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.validation.HttpUrls;
import io.alliancewatch.importer.core.LineMapper;
import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.core.Payload;
import io.alliancewatch.importer.gdelt.CameoTable.Relation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GDELT 2.0 export lines to indicator events, as sources.md says: for each alliance, the row is
 * inside it, against it or neither, and {@link CameoTable} names the indicator.
 */
public final class GdeltMapper implements LineMapper {

  public static final String SOURCE = "gdelt";

  /** Skip reasons, in the order sources.md checks them. */
  public static final String MALFORMED = "malformed";

  public static final String NO_COUNTRY = "no country";
  public static final String NOT_ALLIANCE_MATTER = "not an alliance matter";
  public static final String UNMAPPED_CODE = "unmapped code";

  static final int SUMMARY_MAX_CODE_POINTS = 1_000;
  static final int URL_MAX_CHARS = 2_048;

  private static final Set<String> KNOWN_COUNTRIES =
      Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

  private final List<Members> alliances;

  /** An alliance's members as a set: every row asks each alliance twice. */
  private record Members(String id, Set<String> countries) {
    boolean has(String country) {
      return countries.contains(country);
    }
  }

  public GdeltMapper(AllianceDirectory directory) {
    // a fixed order makes the events of one row come out the same on every run
    this.alliances =
        directory.all().stream()
            .sorted(Comparator.comparing(Alliance::id))
            .map(a -> new Members(a.id(), Set.copyOf(a.members())))
            .toList();
  }

  @Override
  public LineOutcome map(String line) {
    GdeltRow row;
    try {
      row = GdeltRow.parse(line);
    } catch (GdeltRow.Malformed e) {
      return LineOutcome.skip(MALFORMED, e.getMessage());
    }
    String a1 = row.actor1Country();
    String a2 = row.actor2Country();
    if (!KNOWN_COUNTRIES.contains(a1) || !KNOWN_COUNTRIES.contains(a2)) {
      return LineOutcome.skip(NO_COUNTRY, noCountryDetail(a1, a2));
    }
    boolean concerned = false;
    List<Payload> payloads = new ArrayList<>(2);
    for (Members alliance : alliances) {
      Optional<Relation> relation = relation(alliance, a1, a2);
      if (relation.isEmpty()) {
        continue;
      }
      concerned = true;
      Optional<IndicatorType> type =
          CameoTable.indicatorFor(
              relation.get(), row.eventCode(), row.eventBaseCode(), row.eventRootCode());
      if (type.isPresent()) {
        payloads.add(Payload.of(toEvent(row, alliance.id(), relation.get(), type.get())));
      }
    }
    if (!payloads.isEmpty()) {
      return new LineOutcome.Send(payloads);
    }
    if (!concerned) {
      return LineOutcome.skip(
          NOT_ALLIANCE_MATTER,
          a1.equals(a2)
              ? "both actors are " + a1
              : a1 + " -> " + a2 + " is neither inside nor against any alliance");
    }
    return LineOutcome.skip(
        UNMAPPED_CODE,
        "CAMEO "
            + row.eventCode()
            + " (root "
            + row.eventRootCode()
            + ") between "
            + a1
            + " and "
            + a2
            + " is in no table row");
  }

  private static Optional<Relation> relation(Members alliance, String a1, String a2) {
    boolean a1Member = alliance.has(a1);
    boolean a2Member = alliance.has(a2);
    if (a1Member && a2Member && !a1.equals(a2)) {
      return Optional.of(Relation.INSIDE);
    }
    if (a2Member && !a1Member) {
      return Optional.of(Relation.AGAINST);
    }
    return Optional.empty();
  }

  /** The event for one alliance, with every field as sources.md defines it. */
  static IndicatorEvent toEvent(
      GdeltRow row, String allianceId, Relation relation, IndicatorType type) {
    boolean inside = relation == Relation.INSIDE;
    return new IndicatorEvent(
        row.globalEventId(),
        SOURCE,
        type,
        allianceId,
        inside ? row.actor1Country() : row.actor2Country(),
        inside ? row.actor2Country() : row.actor1Country(),
        Math.min(1.0, Math.abs(row.goldsteinScale()) / 10.0),
        null,
        Math.max(0.2, Math.min(1.0, 0.2 * row.numSources())),
        row.dateAdded(),
        summary(row),
        url(row.sourceUrl()),
        null);
  }

  static String summary(GdeltRow row) {
    String text = "CAMEO " + row.eventCode() + ": " + row.actor1Name() + " -> " + row.actor2Name();
    if (text.codePointCount(0, text.length()) <= SUMMARY_MAX_CODE_POINTS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, SUMMARY_MAX_CODE_POINTS));
  }

  /** The URL as printed, or null: a bad URL is left out and never costs the row. */
  static String url(String printed) {
    if (printed.isEmpty()
        || printed.length() > URL_MAX_CHARS
        || HttpUrls.problem(printed).isPresent()) {
      return null;
    }
    return printed;
  }

  private static String noCountryDetail(String a1, String a2) {
    String which = !KNOWN_COUNTRIES.contains(a1) ? "actor 1" : "actor 2";
    String code = !KNOWN_COUNTRIES.contains(a1) ? a1 : a2;
    return which + (code.isBlank() ? " has no country code" : " code '" + code + "' is no country");
  }
}
