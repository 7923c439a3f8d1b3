package ai.disinto.testkit.forgejo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol (version 0/1) at Forgejo's clone URLs, {@code /{owner}/{repo}.git/...},
 * served by JGit's {@link UploadPack} and {@link ReceivePack} in stateless RPC mode. Authenticates
 * as Forgejo 11 does for git: anonymous reads of public repositories, HTTP basic with the user's
 * password otherwise (a token in place of the password is refused for pushes), 401 with a
 * {@code WWW-Authenticate} challenge when credentials are missing or wrong, 403 without write
 * permission, and branch protection rules enforced per pushed ref.
 *
 * <p>Clients asking for protocol version 2 are answered in version 0, which every git client
 * accepts (the server chooses).
 */
final class GitHttp {
  private static final Logger LOG = LoggerFactory.getLogger(GitHttp.class);
  static final String REALM = "Basic realm=\".\"";
  private static final Pattern PATH = Pattern.compile(
      "/([^/]+)/([^/]+?)(?:\\.git)?/(info/refs|git-upload-pack|git-receive-pack)");
  private static final String UPLOAD = "git-upload-pack";
  private static final String RECEIVE = "git-receive-pack";

  private final State s;
  private final Logic logic;

  GitHttp(State s, Logic logic) {
    this.s = s;
    this.logic = logic;
  }

  /** Whether the path is one of git's smart HTTP endpoints. */
  static boolean matches(String path) {
    return PATH.matcher(path).matches();
  }

  /**
   * Answers one git request.
   *
   * @param contentEncoding the request's Content-Encoding header, or null
   */
  Reply handle(String method, String path, String query, String contentEncoding, byte[] body,
      MockForgejo.Auth auth) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Reply.text(404, "404 page not found\n");
    }
    String owner = m.group(1);
    String name = m.group(2);
    String action = m.group(3);
    String service;
    if (action.equals("info/refs")) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return Reply.empty(405).header("Allow", "GET");
      }
      service = Call.parseQuery(query).getOrDefault("service", java.util.List.of("")).get(0);
      if (!service.equals(UPLOAD) && !service.equals(RECEIVE)) {
        // Forgejo serves the dumb protocol's files too; the mock does not.
        return Reply.text(403, "the mock serves git's smart HTTP protocol only\n");
      }
    } else {
      if (!method.equals("POST")) {
        return Reply.empty(405).header("Allow", "POST");
      }
      service = action;
    }
    boolean push = service.equals(RECEIVE);
    State.Repo r;
    synchronized (s) {
      r = s.repo(owner, name);
      if (r == null) {
        return Reply.text(404, "Repository not found\n");
      }
      Reply refused = authorize(r, push, auth);
      if (refused != null) {
        return refused;
      }
      // A repository that a git client talks to lives on disk from then on: what clones, fetches
      // and pushes reach is a bare repository in a folder, as on a real forge.
      r.git.dir();
      if (push) {
        // A push runs whole under the lock (its body is already read): refs and PRs move
        // together, and API merges never interleave with it.
        return serve(r, auth.user(), service, action, contentEncoding, body, false);
      }
    }
    // Reads need no lock: JGit's object and ref databases are safe for concurrent readers.
    return serve(r, auth.user(), service, action, contentEncoding, body, true);
  }

  private Reply authorize(State.Repo r, boolean push, MockForgejo.Auth auth) {
    if (auth.error() != null) {
      if (auth.error().status == 401) {
        return challenge(auth.error().getMessage());
      }
      return Reply.text(auth.error().status, auth.error().getMessage() + "\n");
    }
    State.User u = auth.user();
    boolean needLogin = push || r.isPrivate || s.requireSignIn;
    if (u == null) {
      return needLogin ? challenge("Unauthorized") : null;
    }
    if (push && auth.kind() == RecordedRequest.AuthKind.TOKEN) {
      // Forgejo 11 accepts tokens for the REST API but not for git pushes over HTTP.
      return challenge("a token is not accepted for git push; authenticate with the password");
    }
    State.Access a = s.access(r, u);
    if (a == State.Access.NONE) {
      return Reply.text(404, "Repository not found\n");
    }
    if (push && a.compareTo(State.Access.WRITE) < 0) {
      return Reply.text(403, "User permission denied for writing.\n");
    }
    return null;
  }

  private static Reply challenge(String message) {
    return Reply.text(401, message + "\n").header("WWW-Authenticate", REALM);
  }

  private Reply serve(State.Repo r, State.User user, String service, String action,
      String contentEncoding, byte[] body, boolean read) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (action.equals("info/refs")) {
        PacketLineOut pck = new PacketLineOut(out);
        pck.writeString("# service=" + service + "\n");
        pck.end();
        RefAdvertiser.PacketLineOutRefAdvertiser adv =
            new RefAdvertiser.PacketLineOutRefAdvertiser(pck);
        if (read) {
          UploadPack up = new UploadPack(r.git.repo());
          up.setBiDirectionalPipe(false);
          up.sendAdvertisedRefs(adv);
        } else {
          ReceivePack rp = receivePack(r, user);
          rp.sendAdvertisedRefs(adv);
        }
        return reply(200, "application/x-" + service + "-advertisement", out);
      }
      InputStream in = new ByteArrayInputStream(body);
      if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) {
        in = new GZIPInputStream(in);
      }
      if (read) {
        UploadPack up = new UploadPack(r.git.repo());
        up.setBiDirectionalPipe(false);
        up.upload(in, out, null);
      } else {
        ReceivePack rp = receivePack(r, user);
        rp.receive(in, out, null);
      }
      return reply(200, "application/x-" + service + "-result", out);
    } catch (IOException | RuntimeException e) {
      LOG.warn("mock Forgejo git {} on {} failed", service, r.fullName(), e);
      if (out.size() > 0) {
        // The protocol already carried the error to the client.
        return reply(200, "application/x-" + service + "-result", out);
      }
      return Reply.text(500, "git " + service + " failed: " + e.getMessage() + "\n");
    }
  }

  private static Reply reply(int status, String type, ByteArrayOutputStream out) {
    Reply reply = Reply.empty(status);
    reply.body = out.toByteArray();
    reply.header("Content-Type", type);
    reply.header("Cache-Control", "no-cache, max-age=0, must-revalidate");
    reply.header("Expires", "Fri, 01 Jan 1980 00:00:00 GMT");
    reply.header("Pragma", "no-cache");
    return reply;
  }

  /** A receive-pack that checks protections before refs move and updates PRs afterwards. */
  private ReceivePack receivePack(State.Repo r, State.User user) {
    ReceivePack rp = new ReceivePack(r.git.repo());
    rp.setBiDirectionalPipe(false);
    rp.setAtomic(false);
    rp.setRefLogIdent(new PersonIdent(user.login, State.gitEmail(user)));
    rp.setPreReceiveHook((pack, commands) -> check(r, user, commands));
    rp.setPostReceiveHook((pack, commands) -> {
      for (ReceiveCommand cmd : commands) {
        if (cmd.getResult() != ReceiveCommand.Result.OK
            || !cmd.getRefName().startsWith(Constants.R_HEADS)
            || cmd.getType() == ReceiveCommand.Type.DELETE) {
          continue;
        }
        String branch = cmd.getRefName().substring(Constants.R_HEADS.length());
        State.Commit c = r.commitById(cmd.getNewId().name());
        if (c != null) {
          String before = cmd.getOldId().equals(org.eclipse.jgit.lib.ObjectId.zeroId()) ? null
              : cmd.getOldId().name();
          logic.firePush(r, branch, before, c, user);
          logic.branchMoved(r, branch, c, true, user);
        }
      }
    });
    return rp;
  }

  /** The paths whose content differs between two commits (either may be missing). */
  static java.util.Set<String> changedPaths(State.Repo r, String before, String after) {
    State.Commit a = r.commitById(before);
    State.Commit b = r.commitById(after);
    Map<String, byte[]> x = a == null ? Map.of() : a.files();
    Map<String, byte[]> y = b == null ? Map.of() : b.files();
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String k : x.keySet()) {
      if (!java.util.Arrays.equals(x.get(k), y.get(k))) {
        out.add(k);
      }
    }
    for (String k : y.keySet()) {
      if (!x.containsKey(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Forgejo's pre-receive rules for each pushed ref. */
  private void check(State.Repo r, State.User user, Collection<ReceiveCommand> commands) {
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
        continue;
      }
      String ref = cmd.getRefName();
      if (ref.startsWith("refs/pull/")) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "refs/pull/ is reserved for pull requests");
        continue;
      }
      if (!ref.startsWith(Constants.R_HEADS)) {
        continue;
      }
      String branch = ref.substring(Constants.R_HEADS.length());
      if (cmd.getType() == ReceiveCommand.Type.DELETE && branch.equals(r.defaultBranch)) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "the default branch cannot be deleted");
        continue;
      }
      State.Protection p = r.protectionFor(branch);
      if (p == null) {
        continue;
      }
      String protectedFile = cmd.getType() == ReceiveCommand.Type.DELETE
          || cmd.getType() == ReceiveCommand.Type.CREATE ? null
          : p.firstProtectedFile(changedPaths(r, cmd.getOldId().name(), cmd.getNewId().name()));
      if (cmd.getType() == ReceiveCommand.Type.DELETE) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "branch " + branch + " is protected from deletion");
      } else if (protectedFile != null) {
        // Forgejo checks protected files before the push whitelist: nobody changes them directly.
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "branch " + branch + " is protected from changing file " + protectedFile);
      } else if (!p.flag("enable_push") || (p.flag("enable_push_whitelist")
          && !Logic.containsIgnoreCase(p.list("push_whitelist_usernames"), user.login))) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "Not allowed to push to protected branch " + branch);
      } else if (cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
            "branch " + branch + " is protected from force push");
      }
    }
  }
}
