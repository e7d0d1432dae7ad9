package io.alliancewatch.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.security.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.RsaKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTest {

  @TempDir Path keys;

  @Test
  void makesAKeyPairOnceAndSignsTokensThePublicKeyVerifies() throws Exception {
    LocalIssuer first = LocalIssuer.in(keys);
    String publicPem = Files.readString(keys.resolve(LocalIssuer.PUBLIC_KEY));
    LocalIssuer again = LocalIssuer.in(keys);
    assertThat(Files.readString(again.publicKey())).as("the pair is kept").isEqualTo(publicPem);
    assertThat(Files.getPosixFilePermissions(keys.resolve(LocalIssuer.PRIVATE_KEY)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    String token =
        first.token("gdelt-feed", List.of(Access.FEEDER), List.of("gdelt"), Duration.ofMinutes(5));

    JwtClaims claims =
        new JwtConsumerBuilder()
            .setVerificationKey(new RsaKeyUtil().fromPemEncoded(publicPem))
            .setExpectedIssuer(Access.LOCAL_ISSUER)
            .setRequireExpirationTime()
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256")
            .build()
            .processToClaims(token);
    assertThat(claims.getSubject()).isEqualTo("gdelt-feed");
    assertThat(claims.getStringListClaimValue("groups")).containsExactly("feeder");
    assertThat(claims.getStringListClaimValue("sources")).containsExactly("gdelt");
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(300);
    assertThat(Map.of("iss", claims.getIssuer())).containsEntry("iss", "alliance-watch-local");
  }

  @Test
  void aTokenOfAnotherFoldersKeyDoesNotVerifyWithThisOne(@TempDir Path other) throws Exception {
    LocalIssuer.in(keys);
    String foreign =
        LocalIssuer.in(other).token("x", List.of(Access.ADMIN), List.of(), Duration.ofMinutes(1));
    String publicPem = Files.readString(keys.resolve(LocalIssuer.PUBLIC_KEY));
    JwtConsumerBuilder consumer =
        new JwtConsumerBuilder().setVerificationKey(new RsaKeyUtil().fromPemEncoded(publicPem));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> consumer.build().processToClaims(foreign))
        .hasMessageContaining("signature");
  }
}
