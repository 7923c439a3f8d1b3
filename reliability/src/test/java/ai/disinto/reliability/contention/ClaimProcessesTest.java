package ai.disinto.reliability.contention;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.User;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight JVMs, each with its own client and identity, claim the same issue at once, round after
 * round: exactly one wins each round, the others say they lost, and the issue ends claimed
 * whole by the winner, over 500 rounds ({@code -Dreliability.claimRounds=N} for another number
 * while working on the claim).
 */
class ClaimProcessesTest {
  static final int PROCESSES = 8;
  /** 500 (about a minute here). */
  static final int ROUNDS = Integer.getInteger("reliability.claimRounds", 500);
  static final String REPO = "o/r";

  @Test
  void exactlyOneOfEightProcessesWinsEachRound() throws Exception {
    try (MockForgejo m = MockForgejo.builder().threads(16).start()) {
      List<String> logins = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        String login = "bot-" + p;
        m.seed().user(login, u -> u.token("tok-" + login));
        logins.add(login);
      }
      m.seed().repo(REPO, r -> logins.forEach(l -> r.collaborator(l, "write")));
      m.seed().label(REPO, "backlog", "#0075ca");
      m.seed().label(REPO, "in-progress", "#1d76db");
      m.seed().label(REPO, "blocked", "#e11d48");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<Process> procs = new ArrayList<>();
      List<Writer> ins = new ArrayList<>();
      List<BufferedReader> outs = new ArrayList<>();
      ForgeClient referee = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO)
          .token("tok-bot-0").build();
      int clean = 0;
      List<String> bad = new ArrayList<>();
      long start = System.nanoTime();
      try {
        for (String login : logins) {
          Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
              System.getProperty("java.class.path"), ClaimContender.class.getName(),
              m.baseUrl(), REPO, "tok-" + login)
              .redirectError(ProcessBuilder.Redirect.DISCARD).start();
          procs.add(p);
          ins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
          outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(),
              StandardCharsets.UTF_8)));
        }
        for (BufferedReader out : outs) {
          assertThat(out.readLine()).isEqualTo("ready");
        }
        for (int round = 0; round < ROUNDS; round++) {
          long n = m.seed().issue(REPO, i -> i.title("contended").labels("backlog"));
          for (Writer in : ins) {
            in.write(n + "\n");
          }
          for (Writer in : ins) {
            in.flush();
          }
          List<String> winners = new ArrayList<>();
          int losers = 0;
          List<String> odd = new ArrayList<>();
          for (int p = 0; p < PROCESSES; p++) {
            String line = outs.get(p).readLine();
            assertThat(line).as("contender %d answered round %d", p, round).isNotNull();
            String v = line.substring(line.indexOf(' ') + 1);
            if (v.equals("W")) {
              winners.add(logins.get(p));
            } else if (v.equals("L")) {
              losers++;
            } else {
              odd.add(logins.get(p) + ": " + v);
            }
          }
          Issue i = referee.get("/issues/" + n, Issue.class);
          List<String> who = i.assignees().stream().map(User::login).toList();
          List<String> labels = i.labels().stream().map(Label::name).sorted().toList();
          boolean ref = referee.send("GET", ForgePath.of("branches", "claims/issue-" + n), null)
              .status() == 200;
          if (winners.size() == 1 && losers == PROCESSES - 1 && who.equals(winners)
              && labels.equals(List.of("in-progress")) && ref) {
            clean++;
          } else if (bad.size() < 5) {
            bad.add("#" + n + " winners " + winners + " odd " + odd + " -> " + who + " "
                + labels + " ref=" + ref);
          }
        }
        for (Writer in : ins) {
          in.write("quit\n");
          in.flush();
        }
      } finally {
        for (Process p : procs) {
          p.destroy();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("atomic claim: %d processes x %d rounds, %d rounds with exactly one winner"
          + " and a whole claim, %d ms%n", PROCESSES, ROUNDS, clean, ms);
      assertThat(bad).isEmpty();
      assertThat(clean).isEqualTo(ROUNDS);
    }
  }
}
