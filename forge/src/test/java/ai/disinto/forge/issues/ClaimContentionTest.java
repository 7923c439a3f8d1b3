package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.Seed;
import ai.disinto.testkit.time.FakeTime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several bots with their own identities claim the same issue at the same moment, round after
 * round: exactly one wins each round, every other reports the lost race, and the issue ends fully
 * claimed by the winner.
 */
@ExtendWith(MockForgejoExtension.class)
class ClaimContentionTest {
  private static final String REPO = "o/r";
  private static final int BOTS = 4;
  private static final int ROUNDS = 200;
  private static final int STALE_ROUNDS = 50;

  private static List<String> seedBots(MockForgejo m) {
    Seed s = m.seed();
    List<String> logins = new ArrayList<>();
    for (int b = 0; b < BOTS; b++) {
      String login = "dev-bot-" + b;
      s.user(login, u -> u.token("tok-" + login));
      logins.add(login);
    }
    s.repo(REPO, r -> {
      for (String login : logins) {
        r.collaborator(login, "write");
      }
    });
    s.label(REPO, "backlog", "#0075ca");
    s.label(REPO, "in-progress", "#1d76db");
    s.label(REPO, "blocked", "#e11d48");
    return logins;
  }

  @Test
  void exactlyOneOfFourProcessesWinsEveryRound(MockForgejo m) throws Exception {
    List<String> logins = seedBots(m);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    List<Process> procs = new ArrayList<>();
    List<Writer> ins = new ArrayList<>();
    List<BufferedReader> outs = new ArrayList<>();
    try {
      for (String login : logins) {
        Process p = new ProcessBuilder(java, "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            ClaimBot.class.getName(), m.baseUrl(), REPO, "tok-" + login)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        procs.add(p);
        ins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        outs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (BufferedReader out : outs) {
        assertThat(out.readLine()).isEqualTo("ready");
      }
      Tally tally = new Tally(m);
      for (int round = 0; round < ROUNDS; round++) {
        long n = m.seed().issue(REPO, i -> i.title("contended").labels("backlog"));
        for (Writer in : ins) {
          in.write("claim " + n + "\n");
        }
        for (Writer in : ins) {
          in.flush();
        }
        List<String> results = new ArrayList<>();
        for (int b = 0; b < BOTS; b++) {
          String line = outs.get(b).readLine();
          assertThat(line).startsWith(n + " ");
          results.add(logins.get(b) + " " + line.substring(line.indexOf(' ') + 1));
        }
        tally.round(m, n, results);
      }
      for (Writer in : ins) {
        in.write("quit\n");
        in.flush();
      }
      System.out.println("claim contention, " + BOTS + " processes: " + tally);
      tally.check();
      assertOnlyClaimRefsLeft(m);
    } finally {
      for (Process p : procs) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void exactlyOneOfFourThreadsWinsEveryRound(MockForgejo m) throws Exception {
    List<String> logins = seedBots(m);
    List<IssueLifecycle> bots = new ArrayList<>();
    for (String login : logins) {
      ForgeClient c = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO).token("tok-" + login)
          .retryPolicy(RetryPolicy.none()).build();
      bots.add(new IssueLifecycle(c, SecretScanner.defaults(), Clock.systemUTC()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(BOTS);
    try {
      Tally tally = new Tally(m);
      CyclicBarrier start = new CyclicBarrier(BOTS);
      for (int round = 0; round < ROUNDS; round++) {
        long n = m.seed().issue(REPO, i -> i.title("contended").labels("backlog"));
        List<Future<String>> fs = new ArrayList<>();
        for (int b = 0; b < BOTS; b++) {
          IssueLifecycle bot = bots.get(b);
          String login = logins.get(b);
          fs.add(pool.submit(() -> {
            start.await();
            return login + " " + bot.claim(n);
          }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : fs) {
          results.add(f.get(30, TimeUnit.SECONDS));
        }
        tally.round(m, n, results);
      }
      System.out.println("claim contention, " + BOTS + " threads: " + tally);
      tally.check();
      assertOnlyClaimRefsLeft(m);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void exactlyOneOfFourThreadsWinsWhenTheyAllBreakTheSameStaleClaim() throws Exception {
    FakeTime clock = new FakeTime(World.NOW);
    try (MockForgejo m = MockForgejo.builder().clock(clock).start()) {
      List<String> logins = seedBots(m);
      m.seed().user("dead-bot", u -> u.token("tok-dead-bot"));
      List<IssueLifecycle> bots = new ArrayList<>();
      for (String login : logins) {
        ForgeClient c = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO)
            .token("tok-" + login).retryPolicy(RetryPolicy.none()).build();
        bots.add(new IssueLifecycle(c, SecretScanner.defaults(), clock));
      }
      ClaimRefs dead = new ClaimRefs(ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO)
          .token("tok-dev-bot-0").build());
      ExecutorService pool = Executors.newFixedThreadPool(BOTS);
      try {
        Tally tally = new Tally(m);
        CyclicBarrier start = new CyclicBarrier(BOTS);
        for (int round = 0; round < STALE_ROUNDS; round++) {
          long n = m.seed().issue(REPO, i -> i.title("abandoned").labels("backlog"));
          dead.create(n, dead.createMarker(n, "dead-bot"));
          clock.advance(java.time.Duration.ofMinutes(2));
          List<Future<String>> fs = new ArrayList<>();
          for (int b = 0; b < BOTS; b++) {
            IssueLifecycle bot = bots.get(b);
            String login = logins.get(b);
            fs.add(pool.submit(() -> {
              start.await();
              return login + " " + bot.claim(n);
            }));
          }
          List<String> results = new ArrayList<>();
          for (Future<String> f : fs) {
            results.add(f.get(30, TimeUnit.SECONDS));
          }
          tally.round(m, n, results);
        }
        System.out.println("stale claim contention, " + BOTS + " threads: " + tally);
        tally.check();
        assertOnlyClaimRefsLeft(m);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** No pending or retire branch is left behind: only main and one claim ref per issue. */
  private static void assertOnlyClaimRefsLeft(MockForgejo m) {
    ForgeClient c = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO).token("tok-dev-bot-0")
        .build();
    List<ai.disinto.forge.client.model.Branch> branches =
        c.getAll("/branches", ai.disinto.forge.client.model.Branch.class);
    assertThat(branches).extracting(ai.disinto.forge.client.model.Branch::name)
        .allMatch(name -> name.equals("main") || name.matches("claims/issue-\\d+"));
  }

  /** Counts per round: winners, losers that said so, other outcomes, half-claimed issues. */
  private static final class Tally {
    int rounds;
    int doubleWins;
    int noWinner;
    int badLosers;
    int halfClaimed;
    final List<String> examples = new ArrayList<>();
    /** One client for every check, so the checks do not pile up idle connections. */
    final ForgeClient referee;

    Tally(MockForgejo m) {
      referee = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO).token("tok-dev-bot-0")
          .build();
    }

    void round(MockForgejo m, long n, List<String> results) {
      rounds++;
      List<String> winners = results.stream().filter(r -> r.contains(" Claimed[")).toList();
      long lost = results.stream()
          .filter(r -> r.contains(" AlreadyAssigned[") || r.contains(" LostRace[")).count();
      if (winners.size() > 1) {
        doubleWins++;
      }
      if (winners.isEmpty()) {
        noWinner++;
      }
      if (lost != results.size() - winners.size()) {
        badLosers++;
      }
      String state = state(n);
      String expected = winners.size() == 1
          ? winner(winners.get(0)) + " [in-progress] ref=" + winner(winners.get(0)) : "?";
      if (!state.equals(expected)) {
        halfClaimed++;
      }
      if ((winners.size() != 1 || lost != results.size() - 1 || !state.equals(expected))
          && examples.size() < 5) {
        examples.add("#" + n + " " + results + " -> " + state);
      }
    }

    static String winner(String result) {
      return result.substring(0, result.indexOf(' '));
    }

    /** The issue and its claim ref as the referee sees them. */
    String state(long n) {
      ForgeClient c = referee;
      Issue i = c.get("/issues/" + n, Issue.class);
      String who = i.assignees().isEmpty() ? "-" : String.join(",",
          i.assignees().stream().map(u -> u.login()).toList());
      String ref = new ClaimRefs(c).read(n).map(ClaimRefs.Holder::login).orElse("-");
      return who + " " + i.labels().stream().map(Label::name).sorted().toList() + " ref=" + ref;
    }

    void check() {
      assertThat(examples).as(toString()).isEmpty();
      assertThat(doubleWins).isZero();
    }

    @Override
    public String toString() {
      return rounds + " rounds, " + doubleWins + " with several winners, " + noWinner
          + " without a winner, " + badLosers + " with a loser that did not report the lost race, "
          + halfClaimed + " left not cleanly claimed; e.g. " + examples;
    }
  }
}
