package io.alliancewatch.e2e.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A subscriber's webhook endpoint on loopback (the JDK's HTTP server): answers 204 and keeps every
 * notification it was sent, in arrival order.
 */
public final class WebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
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
      notifications.add(Http.JSON.readTree(body.readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
  }

  /** Every notification received so far, oldest first. */
  public List<JsonNode> notifications() {
    return List.copyOf(notifications);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
