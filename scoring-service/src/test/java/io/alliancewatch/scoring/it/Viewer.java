package io.alliancewatch.scoring.it;

import io.alliancewatch.issuer.testing.TestIssuer;
import io.alliancewatch.issuer.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;

/**
 * The tests call as a viewer, the least role that reads scores; the service under test verifies
 * tokens of the tests' issuer (every test class of the module, TestIssuer).
 */
@QuarkusTestResource(TestIssuer.class)
final class Viewer {

  static final String TOKEN = TestTokens.viewer();

  private Viewer() {}

  /** Requests made with RestAssured go with a viewer's token unless a test says otherwise. */
  static void signIn() {
    RestAssured.authentication = RestAssured.oauth2(TOKEN);
  }

  static String authorization() {
    return TestTokens.bearer(TOKEN);
  }
}
