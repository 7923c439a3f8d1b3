package ai.disinto.testkit.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that answers one request with a JSON body, keeps the connection open, and
 * notes when the client closes it: for tests that a client does not keep an idle connection
 * behind after it is done with a server.
 */
public final class OneAnswerServer implements AutoCloseable {
  private final ServerSocket server;
  private final CountDownLatch closedByClient = new CountDownLatch(1);

  private OneAnswerServer(String json) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(() -> serve(json), "one-answer-server");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts a server that answers its first request {@code 200} with {@code json}.
   *
   * @param json the answer's body
   * @return the started server
   */
  public static OneAnswerServer answering(String json) {
    return new OneAnswerServer(json);
  }

  /**
   * The server's address.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Waits until the client has closed the connection of the answered request.
   *
   * @param timeout how long to wait at most
   * @return true when it closed it, false when the time ran out first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitClosedByClient(Duration timeout) throws InterruptedException {
    return closedByClient.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void serve(String json) {
    try (Socket s = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // the request's head
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      if (in.read() < 0) {
        closedByClient.countDown();
      }
    } catch (IOException e) {
      closedByClient.countDown(); // a reset is a close too
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
