package io.alliancewatch.contracts.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The URL rule of edge-cases.md: absolute RFC 3986, ASCII, http(s), a host, a valid port. */
public final class HttpUrls {

  private HttpUrls() {}

  /** What is wrong with {@code text} as an http(s) URL, or empty when it is fine. */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return Optional.of(
            "must be an absolute http(s) URL of ASCII characters without spaces (percent-encode"
                + " others); found a forbidden character at position "
                + i);
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.toLowerCase(Locale.ROOT).equals("http")
            || scheme.toLowerCase(Locale.ROOT).equals("https"))) {
      return Optional.of("must be an absolute URL with scheme http or https");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      return Optional.of("must name a host, e.g. https://example.org/report");
    }
    String hostAndPort = uri.getRawAuthority();
    int at = hostAndPort.lastIndexOf('@');
    if (at >= 0) {
      hostAndPort = hostAndPort.substring(at + 1);
    }
    String host = hostAndPort;
    String port = null;
    if (hostAndPort.startsWith("[")) {
      int close = hostAndPort.indexOf(']');
      host = hostAndPort.substring(0, close + 1);
      if (close + 1 < hostAndPort.length()) {
        if (hostAndPort.charAt(close + 1) != ':') {
          return Optional.of("has an invalid host");
        }
        port = hostAndPort.substring(close + 2);
      }
    } else {
      int colon = hostAndPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostAndPort.substring(0, colon);
        port = hostAndPort.substring(colon + 1);
      }
    }
    if (host.isEmpty()) {
      return Optional.of("must name a host, e.g. https://example.org/report");
    }
    if (port != null && !port.isEmpty()) {
      if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
        return Optional.of("has an invalid port '" + port + "' (allowed: 0..65535)");
      }
      if (Integer.parseInt(port) > 65535) {
        return Optional.of("has an invalid port " + port + " (allowed: 0..65535)");
      }
    }
    return Optional.empty();
  }
}
