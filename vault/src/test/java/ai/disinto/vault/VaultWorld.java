package ai.disinto.vault;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.ContentsResponse;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The acceptance setup: ops repo {@code admin/proj-ops} on the mock (branch {@code main}, labels
 * {@code vault} and {@code pending-approval}), agent {@code dev-bot} (token AT, writer) and admin
 * {@code admin} (token ADM), a formulas directory and the template policy.
 */
final class VaultWorld {
  static final String OPS = "admin/proj-ops";
  final MockForgejo m;
  final Path formulas;
  final long vaultLabel;
  final long pendingLabel;

  VaultWorld(MockForgejo m, Path tmp) throws IOException {
    this.m = m;
    m.seed().user("admin", u -> u.password("admin-pw-123").token("ADM").admin(true))
        .user("dev-bot", u -> u.password("dev-pw-123").token("AT"))
        .repo(OPS, r -> r.collaborator("dev-bot", "write"));
    vaultLabel = m.seed().label(OPS, "vault", "#000000");
    pendingLabel = m.seed().label(OPS, "pending-approval", "#ffffff");
    formulas = Files.createDirectories(tmp.resolve("formulas"));
    for (String n : List.of("run-publish-site.toml", "groom-backlog.toml", "dev.toml",
        "release.toml", "release.sh")) {
      Files.writeString(formulas.resolve(n), "");
    }
  }

  ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(m.baseUrl()).token(token).repo("admin/proj")
        .retryPolicy(RetryPolicy.none())
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)).build();
  }

  VaultClient vault(Optional<String> override, boolean withAdmin) throws IOException {
    return new VaultClient(client("AT"), withAdmin ? Optional.of(client("ADM")) : Optional.empty(),
        VaultConfig.of(OPS, "main", "admin/proj", override),
        new VaultActionValidator(formulas),
        BlastRadiusClassifier.ofPolicyText(BlastRadiusClassifierTest.template()));
  }

  VaultClient vault() throws IOException {
    return vault(Optional.empty(), true);
  }

  /** The file on a branch of the ops repo, when it is there. */
  Optional<String> file(String branch, String path) throws IOException {
    ForgeResponse r = client("ADM").forRepo(OPS).send("GET",
        ForgePath.of("contents").segments(path).query("ref", branch), null);
    if (r.status() != 200) {
      return Optional.empty();
    }
    return Optional.of(ForgeClient.moshi().adapter(ContentsResponse.class).fromJson(r.body())
        .decodedText());
  }

  /** The API requests to the ops repo, as {@code METHOD target principal}. */
  List<String> calls() {
    return m.journal().stream().filter(q -> q.apiPath().startsWith("/repos/" + OPS))
        .map(q -> q.method() + " " + q.apiTarget().substring(("/repos/" + OPS).length())
            + " " + q.principal())
        .toList();
  }

  List<RecordedRequest> writes() {
    return m.journal().stream().filter(q -> q.apiPath().startsWith("/repos/" + OPS)
        && !q.method().equals("GET")).toList();
  }
}
