package io.alliancewatch.importer.nato;

import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.importer.core.LineMapper;
import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.core.Payload;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * NATO's defence expenditure CSV ({@code country,year,pct_gdp}) to DEFENSE_SPENDING events, as
 * sources.md says: one event per row, {@code id = {country}-{year}}, dated 31 December of the year.
 */
public final class NatoSpendingMapper implements LineMapper {

  public static final String SOURCE = "nato-dex";
  public static final String ALLIANCE = "NATO";

  public static final String MALFORMED = "malformed";
  public static final String NO_VALUE = "no value";

  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

  @Override
  public boolean isHeader(String firstLine) {
    return firstLine.replace(" ", "").equalsIgnoreCase("country,year,pct_gdp");
  }

  @Override
  public LineOutcome map(String line) {
    String[] columns = line.split(",", -1);
    if (columns.length != 3) {
      return LineOutcome.skip(
          MALFORMED, "has " + columns.length + " comma-separated columns, expected 3");
    }
    String country = columns[0].strip();
    String year = columns[1].strip();
    String pct = columns[2].strip();
    if (country.isEmpty()) {
      return LineOutcome.skip(MALFORMED, "country is blank");
    }
    if (!YEAR.matcher(year).matches()) {
      return LineOutcome.skip(MALFORMED, "year '" + year + "' is not a four-digit year");
    }
    if (pct.isEmpty()) {
      // NATO prints no figure for Iceland, which has no armed forces
      return LineOutcome.skip(NO_VALUE, country + " reports no figure for " + year);
    }
    if (!DECIMAL.matcher(pct).matches()) {
      return LineOutcome.skip(MALFORMED, "pct_gdp '" + pct + "' is not a number");
    }
    return new LineOutcome.Send(List.of(Payload.of(toEvent(country, year, pct))));
  }

  static IndicatorEvent toEvent(String country, String year, String pct) {
    return new IndicatorEvent(
        country + "-" + year,
        SOURCE,
        IndicatorType.DEFENSE_SPENDING,
        ALLIANCE,
        country,
        null,
        null,
        Double.parseDouble(pct),
        null,
        Instant.parse(year + "-12-31T00:00:00Z"),
        null,
        null,
        null);
  }
}
