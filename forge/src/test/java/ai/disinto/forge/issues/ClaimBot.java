package ai.disinto.forge.issues;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A contender in the claim contention test, run as its own JVM: {@code ClaimBot BASE_URL REPO
 * TOKEN}. For each line {@code claim N} on stdin it claims issue N and prints {@code N <result>}
 * on stdout; {@code quit} ends it. One long-lived process serves every round, so the rounds do
 * not pay for JVM starts.
 */
public final class ClaimBot {
  private ClaimBot() {}

  /**
   * Runs the bot.
   *
   * @param args base URL, repository, token
   * @throws Exception when stdin or stdout fails
   */
  public static void main(String[] args) throws Exception {
    ForgeClient client = ForgeClient.builder().baseUrl(args[0]).repo(args[1]).token(args[2])
        .retryPolicy(RetryPolicy.none()).build();
    IssueLifecycle lifecycle = new IssueLifecycle(client, SecretScanner.defaults(),
        Clock.systemUTC());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("ready");
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("quit")) {
        break;
      }
      if (line.startsWith("claim ")) {
        long n = Long.parseLong(line.substring(6).trim());
        ClaimResult r;
        try {
          r = lifecycle.claim(n);
        } catch (RuntimeException e) {
          out.println(n + " threw " + e);
          continue;
        }
        out.println(n + " " + r);
      }
    }
  }
}
