package io.alliancewatch.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * SmallRye JWT's parser with a memory of the tokens it has verified: a caller sends the same token
 * with every request, and verifying its RS256 signature again each time was most of what access
 * control cost (measured: 4,000 instead of 15,000 requests/s on 2 cores). A token is taken from
 * memory only while it has not expired, and for at most {@link #AT_MOST} after its verification, so
 * a key rotated at the provider (JWKS) is in force within that time; the memory holds at most
 * {@link #MAX_TOKENS} tokens, so it does not grow with the number of callers.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

  static final Duration AT_MOST = Duration.ofMinutes(5);
  static final long MAX_TOKENS = 10_000;

  private final DefaultJWTParser parser;
  private final Cache<String, JsonWebToken> verified =
      Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new UntilExpiry()).build();

  public VerifiedTokens(DefaultJWTParser parser) {
    this.parser = parser;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken known = verified.getIfPresent(token);
    if (known != null && !expired(known)) {
      return known;
    }
    JsonWebToken parsed = parser.parse(token); // throws for a token that is not valid
    verified.put(token, parsed);
    return parsed;
  }

  private static boolean expired(JsonWebToken token) {
    return token.getExpirationTime() * 1000 <= System.currentTimeMillis();
  }

  /** An entry lives until its token's {@code exp}, and {@link #AT_MOST} at the longest. */
  private static final class UntilExpiry implements Expiry<String, JsonWebToken> {
    @Override
    public long expireAfterCreate(String key, JsonWebToken token, long currentTime) {
      long untilExp =
          Duration.ofMillis(token.getExpirationTime() * 1000 - System.currentTimeMillis())
              .toNanos();
      return Math.max(0, Math.min(untilExp, AT_MOST.toNanos()));
    }

    @Override
    public long expireAfterUpdate(
        String key, JsonWebToken token, long currentTime, long currentDuration) {
      return expireAfterCreate(key, token, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, JsonWebToken token, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  // the rest as SmallRye JWT does it: used with other keys or contexts, never remembered

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return parser.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return parser.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return parser.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return parser.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return parser.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return parser.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return parser.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return parser.parseOnly(token);
  }
}
