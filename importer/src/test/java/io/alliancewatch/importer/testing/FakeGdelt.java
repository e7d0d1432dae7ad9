package io.alliancewatch.importer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 laid out like data.gdeltproject.org: {@code
 * /gdeltv2/lastupdate.txt} lists {@code size md5 url} lines (export, mentions, gkg), and the
 * exports are served zipped. Tests change the list and the files between polls.
 */
public final class FakeGdelt implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Integer> downloads = new ConcurrentHashMap<>();
  private volatile String list = "";
  private final java.util.concurrent.atomic.AtomicInteger listRequests =
      new java.util.concurrent.atomic.AtomicInteger();

  public FakeGdelt() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/gdeltv2/", this::serve);
    server.start();
  }

  public URI listUrl() {
    return url("lastupdate.txt");
  }

  public URI url(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/gdeltv2/" + name);
  }

  /** Serves {@code content} zipped as {@code name} (e.g. {@code 20191024143000.export.CSV.zip}). */
  public byte[] publishZipped(String name, byte[] content) {
    byte[] zipped = Resources.zip(name.replaceFirst("\\.zip$", ""), content);
    files.put(name, zipped);
    return zipped;
  }

  /** Serves other bytes under the same name, e.g. a broken copy, without changing the list. */
  public void serveInstead(String name, byte[] bytes) {
    files.put(name, bytes);
  }

  /** Lists these exports (each as GDELT does, beside a mentions and a gkg file). */
  public void list(String... names) {
    List<String> lines = new ArrayList<>();
    for (String name : names) {
      byte[] bytes = files.get(name);
      lines.add(bytes.length + " " + md5(bytes) + " " + url(name));
      String stamp = name.substring(0, name.indexOf('.'));
      lines.add("1234 " + "0".repeat(32) + " " + url(stamp + ".mentions.CSV.zip"));
      lines.add("5678 " + "f".repeat(32) + " " + url(stamp + ".gkg.csv.zip"));
    }
    list = String.join("\n", lines) + "\n";
  }

  /** Lists an export with a wrong md5, as a list and file that disagree. */
  public void listWithMd5(String name, String md5) {
    list = files.get(name).length + " " + md5 + " " + url(name) + "\n";
  }

  public int downloads(String name) {
    return downloads.getOrDefault(name, 0);
  }

  /** How often the list was read: one per poll. */
  public int listRequests() {
    return listRequests.get();
  }

  public int totalDownloads() {
    return downloads.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/gdeltv2/".length());
    byte[] body;
    if (name.equals("lastupdate.txt")) {
      listRequests.incrementAndGet();
      body = list.getBytes(StandardCharsets.UTF_8);
    } else {
      downloads.merge(name, 1, Integer::sum);
      body = files.get(name);
    }
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  public static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
