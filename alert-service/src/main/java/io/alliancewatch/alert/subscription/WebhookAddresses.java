package io.alliancewatch.alert.subscription;

import io.alliancewatch.contracts.validation.HttpUrls;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may go (alerts.md "Where webhooks may go"): the host is resolved and every
 * address it resolves to must be public, so a subscription cannot make this service call into the
 * network it runs in. Checked at creation and again before every delivery, as DNS can change.
 */
public final class WebhookAddresses {

  /** How a host name becomes addresses; a test may answer without DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final Pattern NUMERIC_HOST =
      Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");

  private final boolean allowLoopback;
  private final boolean allowPrivate;
  private final Resolver resolver;

  public WebhookAddresses(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
    this.allowLoopback = allowLoopback;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  public WebhookAddresses(boolean allowLoopback, boolean allowPrivate) {
    this(allowLoopback, allowPrivate, InetAddress::getAllByName);
  }

  /** What is wrong with {@code url} as a webhook target, or empty when it may be called. */
  public Optional<String> problem(String url) {
    Optional<String> form = HttpUrls.problem(url);
    if (form.isPresent()) {
      return form;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL: " + e.getReason());
    }
    String host = uri.getHost();
    if (host == null) {
      return Optional.of("has a host name that is not valid (letters, digits, '-' and '.')");
    }
    if (uri.getPort() == 0) {
      return Optional.of("has an invalid port 0 (allowed: 1..65535)");
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!host.startsWith("[")
        && NUMERIC_HOST.matcher(bare).matches()
        && !CANONICAL_IPV4.matcher(bare).matches()) {
      return Optional.of(
          "has a numeric host '"
              + bare
              + "' that is not a canonical dotted IPv4 address (a.b.c.d, decimal, no leading"
              + " zeros)");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      return Optional.of(
          "host '" + bare + "' does not resolve, so its addresses cannot be checked");
    }
    for (InetAddress address : addresses) {
      Optional<String> refused = refusal(address);
      if (refused.isPresent()) {
        return Optional.of(
            "host '"
                + bare
                + "' resolves to "
                + address.getHostAddress()
                + ", a "
                + refused.get()
                + " address; webhooks may only go to public addresses");
      }
    }
    return Optional.empty();
  }

  /** The kind of a refused address, or empty when it is allowed here. */
  Optional<String> refusal(InetAddress address) {
    if (address instanceof Inet6Address v6 && embeddedIpv4(v6) != null) {
      return refusal(embeddedIpv4(v6));
    }
    if (address.isLoopbackAddress()) {
      return allowLoopback ? Optional.empty() : Optional.of("loopback");
    }
    if (address.isAnyLocalAddress() || isZeroNetwork(address)) {
      return Optional.of("unspecified");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (isPrivate(address)) {
      return allowPrivate ? Optional.empty() : Optional.of("private");
    }
    String special = special(address);
    return special == null ? Optional.empty() : Optional.of(special);
  }

  private static boolean isPrivate(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.isSiteLocalAddress(); // 10/8, 172.16/12, 192.168/16
    }
    byte[] b = address.getAddress();
    return (b[0] & 0xfe) == 0xfc // fc00::/7
        || address.isSiteLocalAddress(); // deprecated fec0::/10
  }

  private static String special(InetAddress address) {
    if (address instanceof Inet4Address) {
      if (inRange(address, "100.64.0.0", 10)) {
        return "shared (carrier-grade NAT)";
      }
      if (inRange(address, "240.0.0.0", 4)) {
        return "reserved";
      }
      if (inRange(address, "192.0.2.0", 24)
          || inRange(address, "198.51.100.0", 24)
          || inRange(address, "203.0.113.0", 24)) {
        return "documentation";
      }
      if (inRange(address, "198.18.0.0", 15)) {
        return "benchmarking";
      }
      if (inRange(address, "192.0.0.0", 24)) {
        return "IETF protocol assignment";
      }
      return null;
    }
    if (inRange(address, "2001:db8::", 32)) {
      return "documentation";
    }
    if (inRange(address, "64:ff9b::", 96) || inRange(address, "64:ff9b:1::", 48)) {
      return "NAT64";
    }
    if (inRange(address, "2002::", 16)) {
      return "6to4";
    }
    if (inRange(address, "2001::", 32)) {
      return "Teredo";
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address, else null. */
  private static InetAddress embeddedIpv4(Inet6Address address) {
    byte[] b = address.getAddress();
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return null;
      }
    }
    boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible =
        b[10] == 0 && b[11] == 0 && !address.isLoopbackAddress() && !address.isAnyLocalAddress();
    if (!mapped && !compatible) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** 0.0.0.0/8: "this network", unspecified as a destination. */
  private static boolean isZeroNetwork(InetAddress address) {
    return address instanceof Inet4Address && address.getAddress()[0] == 0;
  }

  private static boolean inRange(InetAddress address, String network, int prefix) {
    byte[] a = address.getAddress();
    byte[] n;
    try {
      n = InetAddress.getByName(network).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    if (a.length != n.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
