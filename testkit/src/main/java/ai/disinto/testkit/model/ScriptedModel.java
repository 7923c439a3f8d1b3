package ai.disinto.testkit.model;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for the Anthropic Messages API on a random loopback port that plays a script of
 * {@link Turn}s, so that the real Claude Code CLI ({@code ANTHROPIC_BASE_URL} pointing here) runs
 * its real agent loop offline: a scripted {@code Bash} call really runs, and Claude Code sends its
 * {@code tool_result} back in the next request, which the model records.
 *
 * <p>What it answers:
 *
 * <ul>
 *   <li>{@code POST /v1/messages} (any query, such as {@code ?beta=true}) whose body offers tools: a
 *       <em>main-loop</em> request. It takes the next turn of the script and answers it as a
 *       server-sent event stream ({@code message_start}, {@code content_block_start}/{@code
 *       delta}/{@code stop} with {@code text_delta} or {@code input_json_delta}, {@code
 *       message_delta} with the stop reason, {@code message_stop}) when the body says {@code
 *       "stream":true}, as one JSON message otherwise. An error turn answers its status with the
 *       API's error body and {@code x-should-retry: false} (a {@link Turn#withRetryAfter}
 *       turn: {@code true} and its {@code retry-after}); a {@link Turn#cutAfterEvents} turn's
 *       stream ends early, without {@code message_stop}. When the script is used up it answers
 *       the text {@value #EXHAUSTED} and ends the turn, so a run never hangs on the model.
 *   <li>{@code POST /v1/messages} without tools: a <em>side</em> request (Claude Code's title,
 *       topic or quota helpers, made with a small model and no tools). It is answered with a short
 *       text and does not advance the script. Claude Code 2.1.328 run with {@code -p} sends none,
 *       but other versions and interactive mode do.
 *   <li>{@code POST /v1/messages/count_tokens}: an estimate ({@code input_tokens}).
 *   <li>{@code HEAD} of any path (Claude Code's reachability probe {@code HEAD /api/hello}): 200.
 *       Any other path: 404 with an API {@code not_found_error} body, logged at INFO.
 *   <li>Under {@code /_mock/}: {@code GET /_mock/journal} (every request so far), {@code POST
 *       /_mock/script} (append turns, the format of {@link ScriptJson}), {@code POST /_mock/reset}
 *       (empty script and journal).
 * </ul>
 *
 * <p>Every request is journaled ({@link #journal()}); {@link #requests()} holds the main-loop ones
 * only, the ones a test asserts on.
 */
public final class ScriptedModel implements AutoCloseable {
  /** The text answered to a main-loop request when the script is used up. */
  public static final String EXHAUSTED = "(the scripted model has no more turns)";
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedModel.class);
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final int TEXT_CHUNK = 40;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final Object lock = new Object();
  private final Deque<Turn> script = new ArrayDeque<>();
  private final List<ModelRequest> journal = new ArrayList<>();
  private int ids;

  private ScriptedModel(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "scripted-model-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    LOG.debug("scripted model listening on {}", baseUrl);
  }

  /**
   * Starts a model on a random loopback port with these turns.
   *
   * @param turns the script, in order
   * @return the running model
   * @throws UncheckedIOException when no port can be bound
   */
  public static ScriptedModel start(Turn... turns) {
    return start(0).enqueue(turns);
  }

  /**
   * Starts a model with an empty script.
   *
   * @param port the loopback port, 0 for any
   * @return the running model
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static ScriptedModel start(int port) {
    try {
      return new ScriptedModel(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the scripted model", e);
    }
  }

  /**
   * The base URL, what {@code ANTHROPIC_BASE_URL} takes, such as {@code http://127.0.0.1:41234}.
   *
   * @return the base URL without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Appends turns to the script.
   *
   * @param turns the turns
   * @return this model
   */
  public ScriptedModel enqueue(Turn... turns) {
    synchronized (lock) {
      script.addAll(List.of(turns));
    }
    return this;
  }

  /**
   * How many turns of the script are still to be played.
   *
   * @return the number of turns left
   */
  public int remaining() {
    synchronized (lock) {
      return script.size();
    }
  }

  /**
   * Every request received so far, side requests and probes included.
   *
   * @return a copy of the journal, oldest first
   */
  public List<ModelRequest> journal() {
    synchronized (lock) {
      return List.copyOf(journal);
    }
  }

  /**
   * The main-loop requests received so far (each one consumed a turn).
   *
   * @return the requests, oldest first
   */
  public List<ModelRequest> requests() {
    return journal().stream().filter(r -> r.kind() == ModelRequest.Kind.MAIN).toList();
  }

  /** Empties the script and the journal. */
  public void reset() {
    synchronized (lock) {
      script.clear();
      journal.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      String full = query == null ? path : path + "?" + query;
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, Object> json = parseObject(body);
      if (path.startsWith("/_mock/")) {
        control(ex, method, path, body);
        return;
      }
      if (method.equals("POST") && path.equals("/v1/messages/count_tokens")) {
        record(method, full, body, json, ModelRequest.Kind.COUNT_TOKENS, 200);
        sendJson(ex, 200, Map.of("input_tokens", Math.max(1, body.length() / 4)));
      } else if (method.equals("POST") && path.equals("/v1/messages")) {
        boolean main = json.get("tools") instanceof List<?> tools && !tools.isEmpty();
        boolean stream = Boolean.TRUE.equals(json.get("stream"));
        String model = json.get("model") instanceof String s ? s : "claude-scripted";
        if (main) {
          Turn turn;
          synchronized (lock) {
            turn = script.isEmpty() ? Turn.text(EXHAUSTED) : script.poll();
          }
          record(method, full, body, json, ModelRequest.Kind.MAIN,
              turn.isError() ? turn.errorStatus() : 200);
          answer(ex, turn, model, stream);
        } else {
          record(method, full, body, json, ModelRequest.Kind.SIDE, 200);
          answer(ex, Turn.text("Scripted session"), model, stream);
        }
      } else if (method.equals("HEAD")) {
        record(method, full, body, json, ModelRequest.Kind.OTHER, 200);
        ex.sendResponseHeaders(200, -1);
      } else {
        LOG.info("scripted model: no route for {} {}", method, full);
        record(method, full, body, json, ModelRequest.Kind.OTHER, 404);
        sendJson(ex, 404, error("not_found_error", "no such endpoint on the scripted model"));
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("scripted model: request failed", e);
    }
  }

  private void control(HttpExchange ex, String method, String path, String body)
      throws IOException {
    switch (method + " " + path) {
      case "GET /_mock/journal" -> {
        List<Object> out = new ArrayList<>();
        for (ModelRequest r : journal()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("method", r.method());
          m.put("path", r.path());
          m.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
          m.put("status", r.status());
          m.put("body", r.json().isEmpty() ? r.body() : r.json());
          out.add(m);
        }
        sendJson(ex, 200, out);
      }
      case "POST /_mock/script" -> {
        try {
          List<Turn> turns = ScriptJson.parse(body);
          enqueue(turns.toArray(Turn[]::new));
          sendJson(ex, 200, Map.of("remaining", remaining()));
        } catch (IllegalArgumentException e) {
          sendJson(ex, 400, Map.of("message", e.getMessage()));
        }
      }
      case "POST /_mock/reset" -> {
        reset();
        sendJson(ex, 200, Map.of());
      }
      default -> sendJson(ex, 404, Map.of("message", "no such control endpoint"));
    }
  }

  private void record(String method, String path, String body, Map<String, Object> json,
      ModelRequest.Kind kind, int status) {
    synchronized (lock) {
      journal.add(new ModelRequest(method, path, body, json, kind, status));
    }
  }

  private void answer(HttpExchange ex, Turn turn, String model, boolean stream)
      throws IOException {
    if (turn.isError()) {
      pause(turn.eventDelay());
      ex.getResponseHeaders().set("x-should-retry", turn.retryAfter() < 0 ? "false" : "true");
      if (turn.retryAfter() >= 0) {
        ex.getResponseHeaders().set("retry-after", Integer.toString(turn.retryAfter()));
      }
      sendJson(ex, turn.errorStatus(), error(turn.errorType(), turn.errorMessage()));
      return;
    }
    String id;
    List<String> toolIds = new ArrayList<>();
    synchronized (lock) {
      id = "msg_scripted_" + (++ids);
      for (Turn.Block b : turn.blocks()) {
        toolIds.add(b.type().equals("tool_use") ? "toolu_scripted_" + (++ids) : "");
      }
    }
    if (!stream) {
      Map<String, Object> msg = message(id, model, turn.stopReason());
      List<Object> content = new ArrayList<>();
      for (int i = 0; i < turn.blocks().size(); i++) {
        content.add(fullBlock(turn.blocks().get(i), toolIds.get(i)));
      }
      msg.put("content", content);
      pause(turn.eventDelay());
      sendJson(ex, 200, msg);
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = new CutStream(ex.getResponseBody(), turn.cutAfter());
    Map<String, Object> start = message(id, model, null);
    start.put("content", List.of());
    event(out, turn, "message_start", Map.of("type", "message_start", "message", start));
    for (int i = 0; i < turn.blocks().size(); i++) {
      Turn.Block b = turn.blocks().get(i);
      Map<String, Object> empty = new LinkedHashMap<>();
      if (b.type().equals("tool_use")) {
        empty.put("type", "tool_use");
        empty.put("id", toolIds.get(i));
        empty.put("name", b.toolName());
        empty.put("input", Map.of());
      } else {
        empty.put("type", "text");
        empty.put("text", "");
      }
      event(out, turn, "content_block_start",
          Map.of("type", "content_block_start", "index", i, "content_block", empty));
      for (Map<String, Object> delta : deltas(b)) {
        event(out, turn, "content_block_delta",
            Map.of("type", "content_block_delta", "index", i, "delta", delta));
      }
      event(out, turn, "content_block_stop", Map.of("type", "content_block_stop", "index", i));
    }
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("stop_reason", turn.stopReason());
    delta.put("stop_sequence", null);
    event(out, turn, "message_delta", Map.of("type", "message_delta", "delta", delta,
        "usage", Map.of("output_tokens", 5)));
    event(out, turn, "message_stop", Map.of("type", "message_stop"));
    out.close();
  }

  private static List<Map<String, Object>> deltas(Turn.Block b) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (b.type().equals("tool_use")) {
      String json = JSON.toJson(b.input());
      int half = json.length() / 2;
      for (String part : List.of(json.substring(0, half), json.substring(half))) {
        out.add(Map.of("type", "input_json_delta", "partial_json", part));
      }
    } else {
      String t = b.text();
      for (int i = 0; i < t.length(); i += TEXT_CHUNK) {
        out.add(Map.of("type", "text_delta", "text",
            t.substring(i, Math.min(t.length(), i + TEXT_CHUNK))));
      }
    }
    return out;
  }

  private static Map<String, Object> fullBlock(Turn.Block b, String toolId) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (b.type().equals("tool_use")) {
      m.put("type", "tool_use");
      m.put("id", toolId);
      m.put("name", b.toolName());
      m.put("input", b.input());
    } else {
      m.put("type", "text");
      m.put("text", b.text());
    }
    return m;
  }

  private static Map<String, Object> message(String id, String model, String stopReason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("type", "message");
    m.put("role", "assistant");
    m.put("model", model);
    m.put("stop_reason", stopReason);
    m.put("stop_sequence", null);
    m.put("usage", Map.of("input_tokens", 10, "output_tokens", 1,
        "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0));
    return m;
  }

  private static void event(OutputStream out, Turn turn, String name, Map<String, Object> data)
      throws IOException {
    pause(turn.eventDelay());
    out.write(("event: " + name + "\ndata: " + JSON.toJson(data) + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void pause(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, Object> error(String type, String message) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("type", type);
    inner.put("message", message);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "error");
    m.put("error", inner);
    return m;
  }

  private static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseObject(String body) {
    if (body.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.fromJson(body) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (IOException | RuntimeException notJson) {
      return Map.of();
    }
  }

  @Override
  public String toString() {
    return "ScriptedModel[" + baseUrl + "]";
  }

  /** A stream cut short: after {@code events} flushed events it closes, and ignores the rest. */
  private static final class CutStream extends java.io.FilterOutputStream {
    private int left;

    CutStream(OutputStream out, int events) {
      super(out);
      this.left = events < 0 ? Integer.MAX_VALUE : events;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (left > 0) {
        out.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (left > 0 && --left == 0) {
        out.flush();
        out.close();
        throw new IOException("stream cut short by the script");
      }
      if (left > 0) {
        out.flush();
      }
    }
  }
}
