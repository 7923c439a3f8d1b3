package ai.disinto.forge.pulls;

import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.ChangedFile;
import ai.disinto.forge.client.model.PullRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the earlier CI fixes of one walk tried (Sweep's memory of failed attempts): for each, the
 * pipeline and failure type, the first lines of the error, and what the agent changed (the files
 * whose PR diffstat moved, and the head before and after), rendered as a bounded digest for the
 * next CI-fix prompt so that the agent does not repeat a fix that failed.
 */
final class CiFixMemory {
  /** How many error lines of each attempt are kept. */
  static final int ERROR_LINES = 3;
  /** How many changed files of each attempt are named. */
  static final int FILES = 8;

  private final PullRequests prs;
  private final long pr;
  private final int maxChars;
  private final List<String> attempts = new ArrayList<>();
  private String headBefore = "";
  private Map<String, String> filesBefore = Map.of();
  private String pending = "";

  CiFixMemory(PullRequests prs, long pr, int maxChars) {
    this.prs = prs;
    this.pr = pr;
    this.maxChars = maxChars;
  }

  /** The digest of attempts 1..k-1 to append to the prompt of attempt k; empty for none. */
  String digest() {
    if (attempts.isEmpty()) {
      return "";
    }
    String header = "\n\nEarlier CI fix attempts on this PR failed; do not repeat them:\n";
    List<String> kept = new ArrayList<>(attempts);
    int dropped = 0;
    while (kept.size() > 1 && length(header, kept, dropped) > maxChars) {
      kept.remove(0);
      dropped++;
    }
    StringBuilder b = new StringBuilder(header);
    if (dropped > 0) {
      b.append("(").append(dropped).append(" older attempt").append(dropped == 1 ? "" : "s")
          .append(" left out)\n");
    }
    kept.forEach(b::append);
    String out = b.toString();
    return out.length() > maxChars ? out.substring(0, Math.max(0, maxChars - 1)) + "…" : out;
  }

  private static int length(String header, List<String> kept, int dropped) {
    return header.length() + (dropped > 0 ? 30 : 0)
        + kept.stream().mapToInt(String::length).sum();
  }

  /** Forgets the attempts: CI passed, the next failure starts a new run of fixes. */
  void clear() {
    attempts.clear();
  }

  /** Notes the failure an attempt answers and the PR as it is before the agent runs. */
  void before(int attempt, CiResult c) {
    String type = c.failureType().map(FailureType::wireName).orElse("unknown");
    String pipeline = c.pipeline().isPresent() ? "#" + c.pipeline().getAsLong() : "?";
    List<String> lines = c.errorLog().lines().map(String::strip).filter(l -> !l.isEmpty())
        .limit(ERROR_LINES).toList();
    pending = "- attempt " + attempt + ": pipeline " + pipeline + " failed (" + type + ")"
        + (lines.isEmpty() ? "" : "; first error lines: " + String.join(" | ", lines));
    headBefore = head();
    filesBefore = files();
  }

  /** Records what the agent changed for the attempt noted by {@link #before}. */
  void after() {
    String headAfter = head();
    Map<String, String> now = files();
    List<String> changed = new ArrayList<>();
    now.forEach((f, stat) -> {
      if (!stat.equals(filesBefore.get(f))) {
        changed.add(f + " " + stat);
      }
    });
    filesBefore.keySet().stream().filter(f -> !now.containsKey(f))
        .forEach(f -> changed.add(f + " (reverted)"));
    String what;
    if (headAfter.equals(headBefore)) {
      what = "the agent pushed nothing";
    } else {
      List<String> named = changed.size() > FILES ? changed.subList(0, FILES) : changed;
      what = "the agent changed " + (changed.isEmpty() ? "no file of the PR's diff"
          : String.join(", ", named) + (changed.size() > FILES
              ? " and " + (changed.size() - FILES) + " more" : ""))
          + " (head " + shortSha(headBefore) + " → " + shortSha(headAfter) + ")";
    }
    attempts.add(pending + "; " + what + "; CI still failed\n");
  }

  private String head() {
    try {
      PullRequest p = prs.forge().get("/pulls/" + pr, PullRequest.class);
      return p.head() == null ? "" : Objects.requireNonNullElse(p.head().sha(), "");
    } catch (ForgeException e) {
      return "";
    }
  }

  private Map<String, String> files() {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      for (ChangedFile f : prs.forge().getAll("/pulls/" + pr + "/files", ChangedFile.class)) {
        out.put(f.filename(), "+" + f.additions() + " -" + f.deletions());
      }
      return out;
    } catch (ForgeException e) {
      return Map.of();
    }
  }

  private static String shortSha(String sha) {
    return sha.isEmpty() ? "?" : sha.substring(0, Math.min(7, sha.length()));
  }
}
