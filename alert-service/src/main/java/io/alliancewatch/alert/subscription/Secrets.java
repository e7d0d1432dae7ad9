package io.alliancewatch.alert.subscription;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Webhook secrets: {@code whsec_} + standard base64 of 24..64 random bytes. */
public final class Secrets {

  public static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new secret of 32 random bytes. */
  public static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  public static Optional<String> problem(String secret) {
    if (!secret.startsWith(PREFIX)) {
      return Optional.of("must start with whsec_ followed by base64 of 24..64 bytes");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "after whsec_ must be standard base64 (A-Z, a-z, 0-9, +, /, optional = padding)");
    }
    if (key.length < 24 || key.length > 64) {
      return Optional.of("must encode 24..64 bytes (it encodes " + key.length + ")");
    }
    return Optional.empty();
  }
}
