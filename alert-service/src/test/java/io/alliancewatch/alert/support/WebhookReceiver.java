package io.alliancewatch.alert.support;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback: a real HTTP server that answers as scripted per path and checks
 * each signature with the Standard Webhooks library, not with the sender's code.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received: when, its headers, its body, and whether its signature held. */
  public record Received(
      String path,
      long receivedNanos,
      Map<String, List<String>> headers,
      String body,
      boolean verified) {
    public String header(String name) {
      return HttpHeaders.of(headers, (a, b) -> true).firstValue(name).orElse(null);
    }
  }

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers) {
    public static Answer of(int status) {
      return new Answer(status, Map.of());
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  // not a CopyOnWriteArrayList: the benchmark's tens of thousands of requests made each add copy
  // the whole list, and the receiver took CPU from the service it measures
  private final java.util.Queue<Received> received =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Map<String, Received> lastByPath = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger total =
      new java.util.concurrent.atomic.AtomicInteger();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The secret the receiver verifies a path's requests with. */
  public void trust(String path, String secret) {
    secrets.put(path, secret);
  }

  /** The next answers for a path, in order; after them: 200. */
  public void script(String path, Answer... answers) {
    Deque<Answer> queue = scripts.computeIfAbsent(path, p -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(answers));
    }
  }

  /** How many requests a path received (cheap: no signature check). */
  public int count(String pathPrefix) {
    return (int) received.stream().filter(r -> r.path().startsWith(pathPrefix)).count();
  }

  /** When the latest request to a path arrived ({@link System#nanoTime()}). */
  /** How many requests all paths received. */
  public int total() {
    return total.get();
  }

  /** The last request a path received, its signature not checked (cheap). */
  public java.util.Optional<Received> lastReceived(String path) {
    return java.util.Optional.ofNullable(lastByPath.get(path));
  }

  /**
   * What a path received. Signatures are checked now, with the secret trusted now: a delivery may
   * arrive before the test has read the secret from the create answer.
   */
  public List<Received> received(String path) {
    String secret = secrets.get(path);
    return received.stream()
        .filter(r -> r.path().equals(path))
        .map(
            r ->
                new Received(
                    r.path(),
                    r.receivedNanos(),
                    r.headers(),
                    r.body(),
                    secret != null && verify(secret, r.body(), r.headers())))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long at = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
    String secret = secrets.get(path);
    Received request =
        new Received(path, at, headers, body, secret != null && verify(secret, body, headers));
    received.add(request);
    lastByPath.put(path, request);
    total.incrementAndGet();
    Answer answer = Answer.of(200);
    Deque<Answer> queue = scripts.get(path);
    if (queue != null) {
      synchronized (queue) {
        if (!queue.isEmpty()) {
          answer = queue.poll();
        }
      }
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(answer.status(), -1);
    exchange.close();
  }

  /** Standard Webhooks verification: signature, and a timestamp within the library's tolerance. */
  public static boolean verify(String secret, String body, Map<String, List<String>> headers) {
    try {
      new Webhook(secret).verify(body, HttpHeaders.of(headers, (a, b) -> true));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
