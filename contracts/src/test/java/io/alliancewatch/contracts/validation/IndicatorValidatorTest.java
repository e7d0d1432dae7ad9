package io.alliancewatch.contracts.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The edges of edge-cases.md that must be accepted, and the pointers of those refused. */
class IndicatorValidatorTest {

  private static final Instant NOW = Instant.parse("2026-03-20T00:00:00Z");
  private static final AllianceDirectory REGISTRY =
      AllianceDirectory.of(
          List.of(
              new Alliance("NATO", "NATO", List.of("DEU", "FRA", "USA", "GBR"), 2.0),
              new Alliance("AUKUS", "AUKUS", List.of("AUS", "GBR", "USA"), null)));
  private final IndicatorValidator validator =
      new IndicatorValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private static ObjectNode event() {
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("id", "a1");
    event.put("source", "analyst");
    event.put("type", "POLITICAL_TENSION");
    event.put("country", "DEU");
    event.put("severity", 0.6);
    event.put("occurredAt", "2026-03-01T00:00:00Z");
    return event;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> acceptedEdges() {
    return Stream.of(
        edge("id of spaces only", e -> e.put("id", "   ")),
        edge("id with control characters", e -> e.put("id", "a\u0001b")),
        edge("summary of 1000 emoji", e -> e.put("summary", "\uD83D\uDE00".repeat(1000))),
        edge("summary with NUL and ESC", e -> e.put("summary", "a\u0000b\u001b")),
        edge("severity -0.0", e -> e.put("severity", -0.0)),
        edge("severity integer 1", e -> e.put("severity", 1)),
        edge("severity 1e-400 underflows to 0", e -> e.set("severity", parse("1e-400"))),
        edge("severity 1.00000000000000001", e -> e.set("severity", parse("1.00000000000000001"))),
        edge("severity exponent 5E-1", e -> e.set("severity", parse("5E-1"))),
        edge("occurredAt with an offset", e -> e.put("occurredAt", "2026-03-01T01:00:00+01:00")),
        edge("occurredAt -00:00", e -> e.put("occurredAt", "2026-03-01T00:00:00-00:00")),
        edge("occurredAt lower-case t and z", e -> e.put("occurredAt", "2026-03-01t00:00:00z")),
        edge(
            "occurredAt with nanoseconds",
            e -> e.put("occurredAt", "2026-03-01T00:00:00.123456789Z")),
        edge("occurredAt 4 minutes ahead", e -> e.put("occurredAt", "2026-03-20T00:04:00Z")),
        edge("occurredAt year 0000", e -> e.put("occurredAt", "0000-01-01T00:00:00Z")),
        edge("counterpart equal to country", e -> e.put("counterpart", "DEU")),
        edge("counterpart not a member", e -> e.put("counterpart", "RUS")),
        edge("value on another type", e -> e.put("value", 42)),
        edge(
            "null optional fields", e -> e.putNull("summary").putNull("url").putNull("allianceId")),
        edge(
            "url with user info and fragment",
            e -> e.put("url", "HTTPS://u:p@example.org:8443/a?b=c#d")),
        edge("url with an underscore host", e -> e.put("url", "http://my_host.example/x")),
        edge(
            "spending with an out-of-range severity",
            e -> e.put("type", "DEFENSE_SPENDING").put("value", 1.9).put("severity", 7)),
        edge(
            "spending without severity",
            e -> e.put("type", "DEFENSE_SPENDING").put("value", 0).remove("severity")));
  }

  private static Arguments edge(String name, Consumer<ObjectNode> change) {
    return Arguments.of(name, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedEdges")
  void shouldAcceptTheEdgesTheSpecAllows(String name, Consumer<ObjectNode> change) {
    ObjectNode event = event();
    change.accept(event);

    IndicatorValidator.Result result = validator.validate(event, REGISTRY);

    assertThat(result.errors()).isEmpty();
    assertThat(result.valid().alliances()).containsExactly("NATO");
  }

  @Test
  void shouldRouteAnEventWithoutAllianceToEveryAllianceOfItsCountry() {
    IndicatorValidator.Result result = validator.validate(event().put("country", "USA"), REGISTRY);

    assertThat(result.valid().alliances()).containsExactly("AUKUS", "NATO");
  }

  @Test
  void shouldReportAnUnknownAllianceAloneWithoutAMembershipErrorOnTop() {
    IndicatorValidator.Result result =
        validator.validate(event().put("allianceId", "WARSAW").put("country", "POL"), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/allianceId");
  }

  @Test
  void shouldReportAnInvalidTypeAloneWhateverSeverityAndValueSay() {
    IndicatorValidator.Result result =
        validator.validate(event().put("type", "RUMOUR").put("severity", 9), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/type");
  }

  @Test
  void shouldRequireValueForSpendingAtItsOwnPointer() {
    IndicatorValidator.Result result =
        validator.validate(event().put("type", "DEFENSE_SPENDING"), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/value");
  }

  @Test
  void shouldRefuseASourceEndingInANewline() {
    IndicatorValidator.Result result =
        validator.validate(event().put("source", "gdelt\n"), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/source");
  }

  @Test
  void shouldCountLengthsInCodePoints() {
    IndicatorValidator.Result result =
        validator.validate(event().put("summary", "\uD83D\uDE00".repeat(1001)), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/summary");
  }

  @Test
  void shouldRefuseAFullWidthCountryCode() {
    IndicatorValidator.Result result = validator.validate(event().put("country", "ＤＥＵ"), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/country");
  }

  @Test
  void shouldCallANullRequiredFieldRequiredAtItsPointer() {
    IndicatorValidator.Result result =
        validator.validate(
            event().putNull("id").put("type", "DEFENSE_SPENDING").putNull("value"), REGISTRY);

    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/id", "/value");
    assertThat(result.errors())
        .extracting(FieldError::message)
        .allSatisfy(message -> assertThat(message).contains("required"));
  }

  @Test
  void shouldRefuseAnUnknownFieldWhoseValueIsNull() {
    // null means absent only for the fields the contract has: a misspelt one is refused whatever
    // its value, so a typo never passes unnoticed
    IndicatorValidator.Result result = validator.validate(event().putNull("sevrity"), REGISTRY);

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/sevrity");
  }
}
