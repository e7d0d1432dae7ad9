package io.alliancewatch.alert.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.Subscription;
import io.alliancewatch.contracts.validation.FieldError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionParserTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  /** DNS answers without the network: example.org is public, intranet.example is private. */
  private final WebhookAddresses addresses =
      new WebhookAddresses(
          false,
          false,
          host ->
              switch (host) {
                case "hooks.example.org" ->
                    new InetAddress[] {InetAddress.getByName("93.184.215.14")};
                case "intranet.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
                default -> {
                  if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
                    yield new InetAddress[] {InetAddress.getByName(host)};
                  }
                  throw new UnknownHostException(host);
                }
              });

  private final SubscriptionParser parser =
      new SubscriptionParser(Set.of("NATO", "CSTO")::contains, addresses);

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text.replace('\'', '"'));
  }

  private static String valid(String overrides) {
    return "{'name':'risk watch','alliances':['NATO'],'metric':'risk','condition':'above',"
        + "'threshold':60,'webhook':{'url':'https://hooks.example.org/alerts'}"
        + overrides
        + "}";
  }

  private SubscriptionParser.Result parse(String body) throws Exception {
    return parser.parse(json(body), "id-1", null, NOW, "subscriber-1");
  }

  @Test
  void givenAValidBody_thenDefaultsAreFilledAndASecretIsGenerated() throws Exception {
    SubscriptionParser.Result result = parse(valid(""));

    assertThat(result.errors()).isEmpty();
    Subscription s = result.subscription();
    assertThat(s.recoveryThreshold()).isEqualTo(55.0);
    assertThat(s.forSeconds()).isZero();
    assertThat(s.repeatIntervalSeconds()).isZero();
    assertThat(s.status()).isEqualTo("active");
    assertThat(s.webhook().secret()).startsWith("whsec_");
    assertThat(Secrets.problem(s.webhook().secret())).isEmpty();
  }

  @Test
  void givenThreshold150_thenRefusedAtThreshold() throws Exception {
    assertThat(parse(valid("").replace("'threshold':60", "'threshold':150")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/threshold");
  }

  @Test
  void givenRecoveryOnTheWrongSide_thenRefusedAtRecoveryThreshold() throws Exception {
    assertThat(parse(valid(",'recoveryThreshold':65")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/recoveryThreshold");
    assertThat(parse(valid(",'recoveryThreshold':60")).errors()).hasSize(1);
  }

  @Test
  void givenADefaultRecoveryOutside0To100_thenTheUserIsAskedForOne() throws Exception {
    SubscriptionParser.Result result = parse(valid("").replace("'threshold':60", "'threshold':3"));
    assertThat(result.errors())
        .extracting(FieldError::pointer)
        .containsExactly("/recoveryThreshold");
    assertThat(result.errors().get(0).message()).contains("give a recoveryThreshold");
  }

  @Test
  void givenAnFtpUrl_thenRefusedAtWebhookUrl() throws Exception {
    assertThat(
            parse(
                    valid("")
                        .replace("https://hooks.example.org/alerts", "ftp://hooks.example.org/x"))
                .errors())
        .extracting(FieldError::pointer)
        .containsExactly("/webhook/url");
  }

  @Test
  void givenPrivateLoopbackOrNumericTrickHosts_thenEachIsRefused() throws Exception {
    for (String url :
        new String[] {
          "http://10.0.0.1/",
          "http://intranet.example/",
          "http://127.0.0.1/",
          "http://[::1]/",
          "http://169.254.169.254/",
          "http://100.64.0.1/",
          "http://0.0.0.0/",
          "http://224.0.0.1/",
          "http://[::ffff:10.0.0.1]/",
          "http://0x7f000001/",
          "http://0177.0.0.1/",
          "http://127.1/",
          "http://2130706433/",
          "http://127.0.0.1@10.0.0.1/",
          "http://10.0.0.1#@127.0.0.1/",
          "http://192.0.2.1/",
          "http://[2001:db8::1]/",
          "http://255.255.255.255/",
          "http://nowhere.invalid/"
        }) {
      assertThat(parse(valid("").replace("https://hooks.example.org/alerts", url)).errors())
          .as(url)
          .extracting(FieldError::pointer)
          .containsExactly("/webhook/url");
    }
  }

  @Test
  void givenLoopbackAllowed_thenLocalhostLiteralsPassButPrivateStillFails() {
    WebhookAddresses loopbackOk = new WebhookAddresses(true, false);
    assertThat(loopbackOk.problem("http://127.0.0.1:8080/hook")).isEmpty();
    assertThat(loopbackOk.problem("http://10.0.0.1/hook")).isPresent();
  }

  @Test
  void givenReadOnlyAndUnknownFields_thenEachIsRefusedAtItsPointer() throws Exception {
    SubscriptionParser.Result result =
        parse(
            valid(",'id':'x','status':'active','colour':'red'")
                .replace("'url'", "'extra':1,'url'"));
    assertThat(result.errors())
        .extracting(FieldError::pointer)
        .containsExactlyInAnyOrder("/id", "/status", "/colour", "/webhook/extra");
  }

  @Test
  void givenWholeNumbers_then10Point0IsTenAnd10Point5IsRefused() throws Exception {
    assertThat(parse(valid(",'forSeconds':10.0")).subscription().forSeconds()).isEqualTo(10);
    assertThat(parse(valid(",'forSeconds':10.5")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/forSeconds");
    assertThat(parse(valid(",'repeatIntervalSeconds':30")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/repeatIntervalSeconds");
    assertThat(parse(valid(",'repeatIntervalSeconds':60")).errors()).isEmpty();
  }

  @Test
  void givenNumbersAsStringsOrCaseVariants_thenRefused() throws Exception {
    assertThat(parse(valid("").replace("'threshold':60", "'threshold':'60'")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/threshold");
    assertThat(parse(valid("").replace("'risk'", "'Risk'")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/metric");
    assertThat(parse(valid("").replace("['NATO']", "['nato']")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/alliances/0");
  }

  @Test
  void givenAllianceLists_thenStarStandsAloneAndRepeatsAreASet() throws Exception {
    assertThat(parse(valid("").replace("['NATO']", "['*']")).subscription().coversAllAlliances())
        .isTrue();
    assertThat(parse(valid("").replace("['NATO']", "['NATO','*']")).errors()).isNotEmpty();
    assertThat(parse(valid("").replace("['NATO']", "['NATO','NATO']")).subscription().alliances())
        .containsExactly("NATO");
    assertThat(parse(valid("").replace("['NATO']", "[]")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/alliances");
  }

  @Test
  void givenSecrets_thenOnlyWhsecBase64Of24To64BytesPass() throws Exception {
    String ok = Secrets.generate();
    assertThat(parse(valid("").replace("'url'", "'secret':'" + ok + "','url'")).errors()).isEmpty();
    assertThat(parse(valid("").replace("'url'", "'secret':'whsec_c2hvcnQ=','url'")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/webhook/secret");
    assertThat(parse(valid("").replace("'url'", "'secret':'abc','url'")).errors()).hasSize(1);
  }

  @Test
  void givenAReplaceWithoutSecret_thenTheOldSecretIsKeptAndItIsActiveAgain() throws Exception {
    Subscription old = parse(valid("")).subscription();
    Subscription replaced =
        parser
            .parse(json(valid("").replace("60", "70")), "id-1", old, NOW.plusSeconds(5), "admin")
            .subscription();
    assertThat(replaced.webhook().secret()).isEqualTo(old.webhook().secret());
    assertThat(replaced.owner()).as("a replace keeps the owner").isEqualTo("subscriber-1");
    assertThat(replaced.threshold()).isEqualTo(70.0);
    assertThat(replaced.createdAt()).isEqualTo(old.createdAt());
  }

  @Test
  void givenNullForEachOptionalField_thenItsDefaultAsIfAbsent() throws Exception {
    // edge-cases.md: JSON null for an optional field means absent
    SubscriptionParser.Result result =
        parse(valid(",'recoveryThreshold':null,'forSeconds':null,'repeatIntervalSeconds':null"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.subscription().recoveryThreshold()).isEqualTo(55.0);
    assertThat(result.subscription().forSeconds()).isZero();
    assertThat(result.subscription().repeatIntervalSeconds()).isZero();
  }

  @Test
  void givenANameWithALoneSurrogate_thenRefusedAtName() throws Exception {
    assertThat(parse(valid("").replace("risk watch", "risk \\ud800 watch")).errors())
        .extracting(FieldError::pointer)
        .containsExactly("/name");
  }

  @Test
  void givenMinusZeroThreshold_thenItIsZero() throws Exception {
    Subscription s =
        parse(
                valid(",'recoveryThreshold':5")
                    .replace("'threshold':60", "'threshold':-0.0")
                    .replace("'above'", "'below'"))
            .subscription();
    assertThat(Double.doubleToRawLongBits(s.threshold())).isEqualTo(0L);
  }
}
