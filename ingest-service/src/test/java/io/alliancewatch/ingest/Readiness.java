package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import org.awaitility.Awaitility;

final class Readiness {
  private Readiness() {}

  /** Waits until the service is ready: Kafka reachable and the registry read. */
  static void awaitReady() {
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
