package ai.disinto.reliability.contention;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * One contender of the claim test as its own JVM with its own client: {@code ClaimContender
 * BASE_URL REPO TOKEN}. For each line {@code N} on stdin it claims issue N and prints {@code N
 * W} (won) or {@code N L} (lost, as a lost race or an issue already assigned) or {@code N X
 * <result>}; {@code quit} ends it.
 */
public final class ClaimContender {
  private ClaimContender() {}

  /**
   * Runs the contender.
   *
   * @param args base URL, repository, token
   * @throws Exception when stdin or stdout fails
   */
  public static void main(String[] args) throws Exception {
    ForgeClient client = ForgeClient.builder().baseUrl(args[0]).repo(args[1]).token(args[2])
        .retryPolicy(RetryPolicy.none()).build();
    IssueLifecycle lifecycle = new IssueLifecycle(client, SecretScanner.defaults(),
        Clock.systemUTC());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("ready");
    String line;
    while ((line = in.readLine()) != null && !line.equals("quit")) {
      long n = Long.parseLong(line.trim());
      String verdict;
      try {
        ClaimResult r = lifecycle.claim(n);
        verdict = r instanceof ClaimResult.Claimed ? "W"
            : r instanceof ClaimResult.LostRace || r instanceof ClaimResult.AlreadyAssigned ? "L"
            : "X " + r;
      } catch (RuntimeException e) {
        verdict = "X " + e;
      }
      out.println(n + " " + verdict);
    }
  }
}
