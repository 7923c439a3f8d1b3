package ai.disinto.forge.issues;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeNotFoundException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.ForgeResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim refs: the branch {@code claims/issue-N} is the lock on issue N, because creating a
 * branch is the one write Forgejo makes atomic (a second {@code POST /branches} of the same name
 * answers 409). The branch points at a marker commit whose message names the holder and whose
 * timestamp (the forge's clock) says when the claim was taken. See docs/claims.md.
 *
 * <p>Taking a claim: commit the marker on a branch of its own, {@code
 * claims/pending/issue-N-LOGIN-NONCE} (the contents API can only commit onto a branch), create
 * {@code claims/issue-N} at that commit, delete the pending branch.
 *
 * <p>Removing a claim whose marker is S: first create {@code claims/retired/issue-N-S} (atomic:
 * exactly one remover per claim), then check that {@code claims/issue-N} still points at S,
 * delete it, and delete the retire marker. Only the creator of the retire marker deletes the claim
 * ref, so a remover can never delete a newer claim that replaced S.
 */
final class ClaimRefs {
  private static final Logger LOG = LoggerFactory.getLogger(IssueLifecycle.class);
  static final String PREFIX = "claims/";
  private static final Pattern HOLDER = Pattern.compile("^claim issue #(\\d+) by (\\S+)");

  private final ForgeClient forge;

  ClaimRefs(ForgeClient forge) {
    this.forge = forge;
  }

  /** A claim ref as read: who holds it, since when, and its marker commit. */
  record Holder(String login, String sha, Instant since) {}

  /** What removing a claim ref came to. */
  enum Removal {
    /** The claim ref is gone (removed now, or it no longer pointed at that marker). */
    REMOVED,
    /** Another agent is removing the same claim ref; it is not ours to delete. */
    BUSY
  }

  static String claimBranch(long issue) {
    return PREFIX + "issue-" + issue;
  }

  static String retireBranch(long issue, String sha) {
    return PREFIX + "retired/issue-" + issue + "-" + sha;
  }

  /**
   * The claim ref of an issue.
   *
   * @return the holder, empty when there is none
   * @throws ForgeException when the ref cannot be read
   */
  Optional<Holder> read(long issue) {
    return readBranch(claimBranch(issue)).map(b -> holder(issue, b));
  }

  /**
   * Creates the marker commit of a new claim.
   *
   * @return the marker commit's SHA
   * @throws ForgeException when it cannot be created (or its answer was lost and it is not there)
   */
  String createMarker(long issue, String login) {
    String pending = PREFIX + "pending/issue-" + issue + "-" + login + "-" + UUID.randomUUID();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "claim issue #" + issue + " by " + login + "\n\nbranch: " + pending);
    body.put("content", Base64.getEncoder().encodeToString(
        ("issue " + issue + " claimed by " + login + "\n").getBytes(StandardCharsets.UTF_8)));
    body.put("new_branch", pending);
    String path = "/contents/.disinto/claims/issue-" + issue;
    String sha;
    try {
      FileJson made = forge.call("POST", path, body, FileJson.class);
      sha = made == null || made.commit() == null ? null : made.commit().sha();
    } catch (ForgeException e) {
      if (!Writes.answerLost(e)) {
        throw e;
      }
      LOG.info("issue-lifecycle: the answer to the claim marker of issue #{} was lost; looking"
          + " it up", issue);
      // The unique pending branch tells whether the marker exists.
      sha = readBranch(pending).map(b -> b.commit() == null ? null : b.commit().id())
          .orElseThrow(() -> e);
    }
    deleteQuietly(pending);
    if (sha == null || sha.isEmpty()) {
      throw new ForgeProtocolException(201, "POST", path, null,
          "the claim marker commit has no SHA", null);
    }
    return sha;
  }

  /**
   * Creates the claim ref at a marker commit: the atomic step.
   *
   * @return true when this call created it, false when a claim ref already existed
   * @throws ForgeException when the forge refuses for another reason
   */
  boolean create(long issue, String markerSha) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("new_branch_name", claimBranch(issue));
    body.put("old_ref_name", markerSha);
    for (int attempt = 0; ; attempt++) {
      try {
        ForgeResponse r = forge.send("POST", "/branches", body);
        if (r.status() == 409) {
          return false;
        }
        r.orThrow();
        return true;
      } catch (ForgeException e) {
        if (!Writes.answerLost(e) || attempt > 0) {
          throw e;
        }
      }
      // The answer was lost: the ref tells who created it. Creating again is safe when it is
      // absent (the create is atomic), and only then.
      Optional<Holder> now = read(issue);
      if (now.isPresent()) {
        return now.get().sha().equals(markerSha);
      }
    }
  }

  /**
   * Removes a claim ref if it still points at {@code holder}'s marker (see the type's
   * description).
   *
   * @throws ForgeException when a step fails; the retire marker is removed again in any case
   */
  Removal remove(long issue, Holder holder) {
    String retire = retireBranch(issue, holder.sha());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("new_branch_name", retire);
    body.put("old_ref_name", holder.sha());
    ForgeResponse r = forge.send("POST", "/branches", body);
    if (r.status() == 409) {
      return Removal.BUSY;
    }
    r.orThrow();
    try {
      Optional<Holder> now = read(issue);
      if (now.isEmpty() || !now.get().sha().equals(holder.sha())) {
        return Removal.REMOVED;
      }
      ForgeResponse d = forge.send("DELETE", "/branches/" + claimBranch(issue), null);
      if (d.status() != 404) {
        d.orThrow();
      }
      return Removal.REMOVED;
    } finally {
      deleteQuietly(retire);
    }
  }

  private void deleteQuietly(String branch) {
    try {
      ForgeResponse d = forge.send("DELETE", "/branches/" + branch, null);
      if (!d.ok() && d.status() != 404) {
        LOG.warn("issue-lifecycle: could not delete branch {} (HTTP {})", branch, d.status());
      }
    } catch (ForgeException e) {
      LOG.warn("issue-lifecycle: could not delete branch {} ({})", branch, e.getMessage());
    }
  }

  private Optional<BranchJson> readBranch(String name) {
    try {
      return Optional.ofNullable(forge.get("/branches/" + name, BranchJson.class));
    } catch (ForgeNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Holder holder(long issue, BranchJson b) {
    BranchJson.CommitJson c = b.commit();
    String message = c == null || c.message() == null ? "" : c.message();
    Matcher m = HOLDER.matcher(message);
    String login = m.find() && m.group(1).equals(Long.toString(issue)) ? m.group(2) : "";
    Instant since = Instant.EPOCH;
    if (c != null && c.timestamp() != null) {
      try {
        since = OffsetDateTime.parse(c.timestamp()).toInstant();
      } catch (DateTimeParseException e) {
        since = Instant.EPOCH;
      }
    }
    return new Holder(login, c == null || c.id() == null ? "" : c.id(), since);
  }

  /** The part of Forgejo's {@code FileResponse} a claim needs. */
  record FileJson(FileCommitJson commit) {
    record FileCommitJson(String sha) {}
  }

  /** The parts of Forgejo's {@code Branch} a claim needs. */
  record BranchJson(String name, CommitJson commit) {
    record CommitJson(String id, String message, String timestamp) {}
  }
}
