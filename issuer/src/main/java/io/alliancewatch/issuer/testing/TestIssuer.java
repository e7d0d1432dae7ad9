package io.alliancewatch.issuer.testing;

import io.alliancewatch.contracts.security.Access;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under test at the tests' key pair ({@link TestTokens#KEYS}, made on first use)
 * and the local issuer: the service verifies every token exactly as in production.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mp.jwt.verify.publickey.location",
        TestTokens.issuer().publicKey().toString(),
        "mp.jwt.verify.issuer",
        Access.LOCAL_ISSUER);
  }

  @Override
  public void stop() {}
}
