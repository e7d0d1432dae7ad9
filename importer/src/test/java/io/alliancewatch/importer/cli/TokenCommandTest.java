package io.alliancewatch.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.importer.testing.Cli;
import io.alliancewatch.importer.testing.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.RsaKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alliance-watch token}: one JWT on stdout, verified here as the services verify it. */
class TokenCommandTest {

  @TempDir Path dir;

  private Path keys() {
    return dir.resolve("keys");
  }

  private Run token(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "token";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--keys";
    all[args.length + 2] = keys().toString();
    return Cli.run(all);
  }

  /** Checks signature (with public.pem), issuer, RS256 and expiry, as the services do. */
  private JwtClaims verified(String jwt, String issuer) throws Exception {
    String publicPem = Files.readString(keys().resolve("public.pem"));
    return new JwtConsumerBuilder()
        .setVerificationKey(new RsaKeyUtil().fromPemEncoded(publicPem))
        .setExpectedIssuer(issuer)
        .setRequireExpirationTime()
        .setRequireSubject()
        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
        .build()
        .processToClaims(jwt);
  }

  private static String onlyLine(Run run) {
    assertThat(run.out()).as("one line and nothing else").matches("[^\\n]+\\n");
    return run.out().strip();
  }

  @Test
  void givenAFeederWithSources_whenATokenIsMade_thenStdoutIsOneJwtThePublicKeyVerifies()
      throws Exception {
    Run run =
        token(
            "--role",
            "feeder",
            "--source",
            "gdelt",
            "--source",
            "nato-dex",
            "--subject",
            "gdelt-bot");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String jwt = onlyLine(run);
    assertThat(jwt).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    JwtClaims claims = verified(jwt, "alliance-watch-local");
    assertThat(claims.getSubject()).isEqualTo("gdelt-bot");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("feeder");
    assertThat(claims.getStringListClaimValue("sources")).containsExactly("gdelt", "nato-dex");
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .as("default ttl PT12H")
        .isEqualTo(12 * 3600);
    assertThat(claims.getIssuedAt().getValue())
        .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);
  }

  @Test
  void givenNoSubject_whenATokenIsMade_thenTheSubjectIsTheFirstRoleAndEveryRoleIsInGroups()
      throws Exception {
    Run run = token("--role", "subscriber", "--role", "viewer", "--role", "subscriber");

    JwtClaims claims = verified(onlyLine(run), "alliance-watch-local");

    assertThat(claims.getSubject()).isEqualTo("subscriber");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("subscriber", "viewer");
    assertThat(claims.hasClaim("sources")).isFalse();
  }

  @Test
  void givenAnIsoTtlInDays_whenATokenIsMade_thenItExpiresThatLongAfterIssue() throws Exception {
    Run run = token("--role", "admin", "--ttl", "P365D");

    JwtClaims claims = verified(onlyLine(run), "alliance-watch-local");

    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(365L * 24 * 3600);
  }

  @Test
  void givenAnotherIssuer_whenATokenIsMade_thenItCarriesThatIss() throws Exception {
    Run run = token("--role", "viewer", "--issuer", "https://idp.example/realms/aw");

    assertThat(verified(onlyLine(run), "https://idp.example/realms/aw").getIssuer())
        .isEqualTo("https://idp.example/realms/aw");
  }

  @Test
  void givenAFeederWithoutSource_whenAsked_thenUsageErrorAndNothingOnStdout() {
    Run run = token("--role", "feeder");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("--source").contains("feeder");
    assertThat(keys()).as("no keys made for a refused request").doesNotExist();
  }

  @Test
  void givenAnUnknownRole_whenAsked_thenUsageErrorListingTheRoles() {
    Run run = token("--role", "root");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("unknown role 'root'")
        .contains("viewer, feeder, subscriber, admin");
  }

  @Test
  void givenNoRoleOrABadTtl_whenAsked_thenUsageErrors() {
    Run noRole = token();
    Run badTtl = token("--role", "viewer", "--ttl", "forever");
    Run zeroTtl = token("--role", "viewer", "--ttl", "PT0S");

    assertThat(noRole.exitCode()).isEqualTo(2);
    assertThat(noRole.err()).contains("--role");
    assertThat(badTtl.exitCode()).isEqualTo(2);
    assertThat(badTtl.err()).contains("'forever' is not a duration");
    assertThat(zeroTtl.exitCode()).isEqualTo(2);
    assertThat(zeroTtl.err()).contains("--ttl must be positive");
    assertThat(noRole.out() + badTtl.out() + zeroTtl.out()).isEmpty();
  }

  @Test
  void givenNoKeysYet_whenTwoTokensAreMade_thenTheFirstMakesThePairAndTheSecondReusesIt()
      throws Exception {
    assertThat(keys()).doesNotExist();

    Run first = token("--role", "viewer");
    String publicPem = Files.readString(keys().resolve("public.pem"));
    String privatePem = Files.readString(keys().resolve("private.pem"));
    Run second = token("--role", "admin");

    assertThat(Files.readString(keys().resolve("public.pem"))).isEqualTo(publicPem);
    assertThat(Files.readString(keys().resolve("private.pem"))).isEqualTo(privatePem);
    assertThat(verified(onlyLine(first), "alliance-watch-local").getSubject()).isEqualTo("viewer");
    assertThat(verified(onlyLine(second), "alliance-watch-local").getSubject()).isEqualTo("admin");
  }

  @Test
  void givenAKeysPathThatIsAFile_whenAsked_thenExit2SayingWhy() throws Exception {
    Files.writeString(keys(), "not a folder");

    Run run = token("--role", "viewer");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("cannot read or make the signing keys in " + keys());
  }
}
