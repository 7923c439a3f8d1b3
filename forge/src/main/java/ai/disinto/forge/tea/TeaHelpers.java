package ai.disinto.forge.tea;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.core.secrets.SecretsDetectedException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.LabelIndex;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files, relabels, comments on and closes issues of one repository, with labels addressed by
 * name. Mirrors {@code tea_file_issue}, {@code tea_relabel}, {@code tea_comment} and {@code
 * tea_close} in lib/tea-helpers.sh, as REST calls instead of the {@code tea} binary (whose create
 * call was broken at the ported commit).
 *
 * <p>Every outgoing text is secret-scanned before any request: the issue title and body (the
 * original scanned the body only) and comment bodies. Label names are resolved with an exact,
 * case-sensitive match over every page of {@code GET /labels}, before any write, by the shared
 * {@link LabelIndex}: the name-to-id map is kept for the life of the instance (the lowest id wins
 * when names repeat). Forge errors surface as {@link ForgeException} (the original's return code
 * 3), secrets as {@link SecretsDetectedException} (4). Progress lines go to SLF4J, prefixed
 * {@code tea-helpers:}. Instances are thread-safe.
 *
 * <p>A create whose answer was lost (the request went out, no answer came back) is never sent
 * again blindly: the new issue is looked up by title and body among the newest issues, a comment
 * by its body among the issue's comments; when the lookup does not find it, the lost answer is
 * thrown, so the caller knows the write may or may not have happened.
 */
public final class TeaHelpers {
  private static final String PREFIX = "tea-helpers: ";
  private static final JsonAdapter<Object> JSON = ForgeClient.moshi().adapter(Object.class);

  private final ForgeClient forge;
  private final SecretScanner scanner;
  private static final Logger LOG = LoggerFactory.getLogger(TeaHelpers.class);
  /** How many of the newest issues a lost create is looked for among. */
  private static final int LOOKUP_WINDOW = 50;
  private final LabelIndex labels;

  /**
   * Creates the helpers for the client's repository. No request is made.
   *
   * @param forge the client of the repository ({@code FORGE_API}, {@code FORGE_TOKEN})
   * @param scanner checks outgoing text ({@link SecretScanner#defaults()})
   */
  public TeaHelpers(ForgeClient forge, SecretScanner scanner) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.labels = new LabelIndex(forge);
  }

  /**
   * A newly filed issue.
   *
   * @param number the issue number ({@code FILED_ISSUE_NUM})
   * @param htmlUrl its web page, empty when the forge did not say
   */
  public record FiledIssue(long number, String htmlUrl) {}

  /**
   * Files an issue: scans title and body, resolves the labels, then {@code POST /issues} with
   * {@code {"title","body","labels":[ids]}} ({@code labels} left out when there are none).
   * Mirrors {@code tea_file_issue TITLE BODY LABEL...}.
   *
   * @param title the title
   * @param body the description
   * @param labelNames label names, matched exactly; may be empty
   * @return the number and page of the new issue
   * @throws SecretsDetectedException when the title or body holds a potential secret; no request
   *     is made
   * @throws LabelNotFoundException when a name matches no label; nothing is written
   * @throws ForgeProtocolException when the forge's answer has no issue number
   * @throws ForgeAmbiguousWriteException when the answer was lost and no issue with this title and
   *     body is among the newest: it may or may not have been filed
   * @throws ForgeException when a request fails
   */
  public FiledIssue fileIssue(String title, String body, List<String> labelNames) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(labelNames, "labelNames");
    requireClean(title, "issue title");
    requireClean(body, "issue body");
    List<Long> ids = resolve(labelNames);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("body", body);
    if (!ids.isEmpty()) {
      request.put("labels", ids);
    }
    ForgeResponse response;
    try {
      response = forge.send("POST", "/issues", request).orThrow();
    } catch (ForgeAmbiguousWriteException e) {
      FiledIssue found = findFiled(title, body).orElseThrow(() -> e);
      LOG.info("{}the answer was lost, but issue #{} is there: filed", PREFIX, found.number());
      return found;
    }
    Object number = null;
    Object url = null;
    try {
      Object tree = JSON.fromJson(response.body());
      if (tree instanceof Map<?, ?> map) {
        number = map.get("number");
        url = map.get("html_url");
      }
    } catch (IOException | RuntimeException e) {
      throw new ForgeProtocolException(response.status(), "POST", response.path(),
          response.body(), "the created issue is not JSON", e);
    }
    if (!(number instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() <= 0) {
      throw new ForgeProtocolException(response.status(), "POST", response.path(),
          response.body(), "the created issue has no number", null);
    }
    FiledIssue filed = new FiledIssue(n.longValue(), url instanceof String s ? s : "");
    LOG.info("{}filed issue #{}", PREFIX, filed.number());
    return filed;
  }

  /** The newest issue with exactly this title and body, when one of the newest has them. */
  private Optional<FiledIssue> findFiled(String title, String body) {
    LOG.info("{}the answer to filing '{}' was lost; looking the issue up", PREFIX, title);
    List<Issue> newest = forge.get("/issues?state=all&type=issues&sort=latest&limit="
        + LOOKUP_WINDOW, ForgeClient.listOf(Issue.class));
    if (newest == null) {
      return Optional.empty();
    }
    return newest.stream()
        .filter(i -> title.equals(i.title()) && body.equals(i.body() == null ? "" : i.body()))
        .findFirst()
        .map(i -> new FiledIssue(i.number(), i.htmlUrl() == null ? "" : i.htmlUrl()));
  }

  /**
   * Replaces the labels of an issue: {@code PUT /issues/{n}/labels} with the resolved ids.
   * Mirrors {@code tea_relabel ISSUE LABEL...}.
   *
   * @param issue the issue number
   * @param labelNames the complete new label set, matched exactly; empty clears all labels
   * @throws LabelNotFoundException when a name matches no label; nothing is written
   * @throws ForgeException when a request fails ({@code ForgeNotFoundException} for a missing
   *     issue)
   */
  public void replaceLabels(long issue, List<String> labelNames) {
    Objects.requireNonNull(labelNames, "labelNames");
    List<Long> ids = resolve(labelNames);
    forge.send("PUT", "/issues/" + issue + "/labels", Map.of("labels", ids)).orThrow();
    LOG.info("{}relabelled issue #{}: {}", PREFIX, issue, String.join(", ", labelNames));
  }

  /**
   * Comments on an issue after a secret scan. Mirrors {@code tea_comment ISSUE BODY}.
   *
   * @param issue the issue number
   * @param body the comment text
   * @throws IllegalArgumentException when the body is empty (the original's scanner then read
   *     stdin, and Forgejo rejects it)
   * @throws SecretsDetectedException when the body holds a potential secret; no request is made
   * @throws ForgeAmbiguousWriteException when the answer was lost and the comment is not on the issue:
   *     it may or may not have been posted
   * @throws ForgeException when the request fails
   */
  public void comment(long issue, String body) {
    if (body == null || body.isEmpty()) {
      throw new IllegalArgumentException("comment body must not be empty");
    }
    requireClean(body, "comment body");
    String path = "/issues/" + issue + "/comments";
    try {
      forge.send("POST", path, Map.of("body", body)).orThrow();
    } catch (ForgeAmbiguousWriteException e) {
      LOG.info("{}the answer to a comment on issue #{} was lost; looking it up", PREFIX, issue);
      List<Comment> comments = forge.getAll(path, Comment.class);
      if (comments.stream().noneMatch(c -> body.equals(c.body()))) {
        throw e;
      }
    }
    LOG.info("{}commented on issue #{}", PREFIX, issue);
  }

  /**
   * Closes an issue: {@code PATCH /issues/{n}} with {@code {"state":"closed"}}. Mirrors {@code
   * tea_close ISSUE}.
   *
   * @param issue the issue number
   * @throws ForgeException when the request fails ({@code ForgeNotFoundException} for a missing
   *     issue)
   */
  public void close(long issue) {
    forge.send("PATCH", "/issues/" + issue, Map.of("state", "closed")).orThrow();
    LOG.info("{}closed issue #{}", PREFIX, issue);
  }

  private void requireClean(String text, String what) {
    SecretScanner.ScanResult scan = scanner.scan(text);
    if (!scan.clean()) {
      LOG.warn("{}BLOCKED — {} contains potential secrets; refer to them through env vars"
          + " instead.", PREFIX, what);
      scan.findings().forEach(f -> LOG.warn("{}{}", PREFIX, f.logLine()));
      throw new SecretsDetectedException(scan.findings());
    }
  }

  /** The ids of the names in order, all resolved before any write; see {@link LabelIndex}. */
  private List<Long> resolve(List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, Long> found = labels.lookup(names);
    List<String> missing = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (String name : names) {
      Long id = found.get(name);
      if (id == null) {
        missing.add(name);
      } else {
        ids.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw new LabelNotFoundException(missing);
    }
    return ids;
  }
}
