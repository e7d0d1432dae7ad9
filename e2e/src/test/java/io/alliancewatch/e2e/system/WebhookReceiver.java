package io.alliancewatch.e2e.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber's webhook endpoint (the JDK's HTTP server): answers 204 and keeps every delivery it
 * was sent, headers and exact body, in arrival order. On loopback unless told another address (a
 * container reaches the host at its bridge's gateway).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** A delivery as received: its headers and the exact bytes of its body. */
  public record Delivery(Map<String, List<String>> headers, String body) {

    public JsonNode json() {
      try {
        return Http.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Whether its Standard Webhooks signature verifies with {@code secret} (the official client).
     */
    public boolean verifiesWith(String secret) {
      try {
        new Webhook(secret).verify(body, HttpHeaders.of(headers, (name, value) -> true));
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    /** The same delivery with its body changed, which no signature may verify. */
    public Delivery tampered() {
      return new Delivery(headers, body.replace("\"firing\"", "\"resolved\""));
    }
  }

  private final HttpServer server;
  private final String host;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /** A receiver on loopback. */
  public static WebhookReceiver start() {
    return start(InetAddress.getLoopbackAddress(), "127.0.0.1");
  }

  /** A receiver listening on {@code address}, whose URL names it {@code host}. */
  public static WebhookReceiver start(InetAddress address, String host) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server, host);
      server.createContext("/webhook", receiver::receive);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      deliveries.add(
          new Delivery(
              Map.copyOf(exchange.getRequestHeaders()),
              new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort() + "/webhook";
  }

  /** Every delivery received so far, oldest first. */
  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Every notification received so far (the deliveries' bodies), oldest first. */
  public List<JsonNode> notifications() {
    return deliveries().stream().map(Delivery::json).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
