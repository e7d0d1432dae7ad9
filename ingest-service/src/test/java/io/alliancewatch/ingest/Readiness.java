package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;

import io.alliancewatch.issuer.testing.TestIssuer;
import io.alliancewatch.issuer.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The service under test verifies tokens of the tests' issuer (every test class, TestIssuer). */
@QuarkusTestResource(TestIssuer.class)
final class Readiness {
  private Readiness() {}

  /**
   * Waits until the service is ready: Kafka reachable and the registry read. Requests then go with
   * an admin's token unless a test says otherwise (AccessIT tests each role).
   */
  static void awaitReady() {
    io.restassured.RestAssured.authentication =
        io.restassured.RestAssured.oauth2(TestTokens.admin());
    // send bodies as the bytes given, in UTF-8, with no charset added behind the test's back
    io.restassured.RestAssured.config =
        io.restassured.RestAssured.config()
            .encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                    .defaultContentCharset("UTF-8")
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs(
                        "application/x-ndjson", io.restassured.http.ContentType.TEXT)
                    .encodeContentTypeAs(
                        "application/cloudevents+json", io.restassured.http.ContentType.TEXT)
                    .encodeContentTypeAs(
                        "application/cloudevents-batch+json",
                        io.restassured.http.ContentType.TEXT));
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
  }
}
