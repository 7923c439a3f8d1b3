package ai.disinto.forge.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of a dry run: a write is logged as the request it would send (method, path,
 * redacted body) and answered by a synthesized response marked with {@link
 * ForgeResponse#DRY_RUN_HEADER}, never sent.
 */
final class DryRun {
  private static final Logger LOG = LoggerFactory.getLogger(ForgeClient.class);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final int BODY_LOG_CHARS = 2_000;

  private DryRun() {}

  /** Tells whether a request of this method changes the forge. */
  static boolean isWrite(String method) {
    return !READS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Logs the request and answers what a forge that did it would: 201 for POST, 204 for DELETE,
   * 200 otherwise; the body echoes a JSON object body with {@code "dry_run": true} added.
   */
  static ForgeResponse answer(String method, Url url, Object body, Redactor redactor) {
    String verb = method.toUpperCase(Locale.ROOT);
    String path = Interceptors.Logging.pathOf(url);
    String text = body == null ? "" : PlainJson.bodyText(body);
    String shown = redactor.redact(text);
    if (shown.length() > BODY_LOG_CHARS) {
      shown = shown.substring(0, BODY_LOG_CHARS) + "…";
    }
    LOG.info("dry run: would send {} {}{} (not sent)", verb, path,
        shown.isEmpty() ? "" : " " + shown);
    int status = switch (verb) {
      case "POST" -> 201;
      case "DELETE" -> 204;
      default -> 200;
    };
    return new ForgeResponse(verb, path, status, status == 204 ? "" : echo(body, text),
        Map.of(ForgeResponse.DRY_RUN_HEADER, List.of("true")));
  }

  @SuppressWarnings("unchecked")
  private static String echo(Object body, String text) {
    Object parsed = body;
    if (body instanceof String) {
      try {
        parsed = Json.MOSHI.adapter(Object.class).fromJson(text);
      } catch (java.io.IOException | RuntimeException e) {
        parsed = null;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (parsed instanceof Map<?, ?> m) {
      out.putAll((Map<String, Object>) m);
    }
    out.put("dry_run", true);
    return Json.MOSHI.adapter(Object.class).toJson(out);
  }
}
