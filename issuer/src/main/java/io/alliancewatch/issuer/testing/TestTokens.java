package io.alliancewatch.issuer.testing;

import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.LocalIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tokens for tests, signed by the same {@link LocalIssuer} the local run uses, with its keys in the
 * module's {@code target/test-keys} (what {@link TestIssuer} points the service at): real tokens
 * verified by the real services, never a switch that turns security off.
 */
public final class TestTokens {

  /** Where the tests' keys are; the same for the test resource and the tests in one module. */
  public static final Path KEYS = Path.of("target", "test-keys").toAbsolutePath();

  private TestTokens() {}

  public static LocalIssuer issuer() {
    return LocalIssuer.in(KEYS);
  }

  /** A token of {@code roles} for the subject named after the first role. */
  public static String of(String... roles) {
    return forSubject(roles[0], roles);
  }

  public static String forSubject(String subject, String... roles) {
    return issuer().token(subject, List.of(roles), List.of(), Duration.ofHours(1));
  }

  public static String viewer() {
    return of(Access.VIEWER);
  }

  public static String admin() {
    return of(Access.ADMIN);
  }

  public static String subscriber(String subject) {
    return forSubject(subject, Access.SUBSCRIBER);
  }

  /** A feeder allowed to write {@code sources}. */
  public static String feeder(String subject, String... sources) {
    return issuer().token(subject, List.of(Access.FEEDER), List.of(sources), Duration.ofHours(1));
  }

  /** The {@code Authorization} header's value for a token. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** An admin token that expired ten minutes ago, well past the services' clock skew (30 s). */
  public static String expired() {
    Instant now = Instant.now();
    return issuer()
        .sign(
            "expired",
            List.of(Access.ADMIN),
            List.of(),
            now.minus(Duration.ofHours(1)),
            now.minus(Duration.ofMinutes(10)),
            issuer().issuer());
  }

  /** An admin token signed by a key the services do not trust. */
  public static String wrongSignature() {
    return LocalIssuer.in(KEYS.resolve("untrusted"))
        .token("forger", List.of(Access.ADMIN), List.of(), Duration.ofHours(1));
  }

  /** An admin token from another issuer, signed with the trusted key. */
  public static String wrongIssuer() {
    Instant now = Instant.now();
    return issuer()
        .sign(
            "foreigner",
            List.of(Access.ADMIN),
            List.of(),
            now,
            now.plus(Duration.ofHours(1)),
            "https://issuer.example.org");
  }
}
