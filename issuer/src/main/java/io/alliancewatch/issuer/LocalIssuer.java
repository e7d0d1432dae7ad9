package io.alliancewatch.issuer;

import io.alliancewatch.contracts.security.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The local run's identity provider, which is no server (security.md): an RSA key pair in a folder
 * ({@code ./data/keys}: {@code private.pem}, which never leaves it, and {@code public.pem}, which
 * the services verify with), made on first use, and JWTs signed with it (RS256).
 */
public final class LocalIssuer {

  public static final String PRIVATE_KEY = "private.pem";
  public static final String PUBLIC_KEY = "public.pem";
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);

  private final Path folder;
  private final PrivateKey privateKey;
  private final String issuer;
  private final Clock clock;

  private LocalIssuer(Path folder, PrivateKey privateKey, String issuer, Clock clock) {
    this.folder = folder;
    this.privateKey = privateKey;
    this.issuer = issuer;
    this.clock = clock;
  }

  /** The issuer whose keys are in {@code folder}, making them there first if it has none. */
  public static LocalIssuer in(Path folder) {
    return in(folder, Access.LOCAL_ISSUER, Clock.systemUTC());
  }

  public static LocalIssuer in(Path folder, String issuer, Clock clock) {
    try {
      Path privatePem = folder.resolve(PRIVATE_KEY);
      if (!Files.exists(privatePem)) {
        create(folder);
      }
      return new LocalIssuer(folder, readPrivateKey(privatePem), issuer, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the signing keys in " + folder, e);
    }
  }

  /** The public key the services verify tokens with (a PEM file). */
  public Path publicKey() {
    return folder.resolve(PUBLIC_KEY);
  }

  public String issuer() {
    return issuer;
  }

  /**
   * A signed JWT: {@code sub}, {@code groups} (the roles), {@code sources}, {@code iss}, {@code
   * iat}, {@code exp}.
   */
  public String token(String subject, List<String> roles, List<String> sources, Duration ttl) {
    Instant now = clock.instant();
    return sign(subject, roles, sources, now, now.plus(ttl), issuer);
  }

  /** A token with every field given, for tests of what the services refuse (expired, foreign). */
  public String sign(
      String subject,
      List<String> roles,
      List<String> sources,
      Instant issuedAt,
      Instant expiresAt,
      String issuer) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(subject);
    claims.setJwtId(UUID.randomUUID().toString());
    claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
    claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
    claims.setStringListClaim(Access.GROUPS_CLAIM, roles);
    if (!sources.isEmpty()) {
      claims.setStringListClaim(Access.SOURCES_CLAIM, sources);
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(privateKey);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  /**
   * Makes a key pair in {@code folder}: written beside and moved into place, so that two processes
   * starting at once end with one pair (the second move finds the first's files and keeps them).
   */
  private static void create(Path folder) throws IOException {
    Files.createDirectories(folder);
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
    String id = UUID.randomUUID().toString();
    Path publicTmp = folder.resolve(PUBLIC_KEY + "." + id);
    Path privateTmp = folder.resolve(PRIVATE_KEY + "." + id);
    Files.writeString(publicTmp, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    writeOwnerOnly(privateTmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    // the public key first: a private key in place always has its public key beside it
    if (moveIfAbsent(publicTmp, folder.resolve(PUBLIC_KEY))) {
      moveIfAbsent(privateTmp, folder.resolve(PRIVATE_KEY));
    } else {
      Files.deleteIfExists(privateTmp);
    }
  }

  private static boolean moveIfAbsent(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from); // fails if it exists: no overwrite
      Files.delete(from);
      return true;
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(from);
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(to)) {
        Files.deleteIfExists(from);
        return false;
      }
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        Files.move(from, to);
      }
      return true;
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static PrivateKey readPrivateKey(Path pem) throws IOException {
    String text = Files.readString(pem);
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(pem + " is not an RSA private key in PKCS#8 PEM", e);
    }
  }
}
