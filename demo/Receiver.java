import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The demo's webhook receiver: prints every notification it gets, with its Standard Webhooks
 * headers, and answers 204. Run with {@code java demo/Receiver.java [port]} (no build needed).
 */
public class Receiver {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9999;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          System.out.printf(
              "%n--- webhook %s (id %s, timestamp %s)%n%s%n",
              exchange.getRequestURI(),
              exchange.getRequestHeaders().getFirst("webhook-id"),
              exchange.getRequestHeaders().getFirst("webhook-timestamp"),
              body);
          System.out.flush();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    System.out.println("demo receiver listening on http://localhost:" + port + "/hook");
  }
}
