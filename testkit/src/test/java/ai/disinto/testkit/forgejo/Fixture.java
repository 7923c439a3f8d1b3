package ai.disinto.testkit.forgejo;

/**
 * The common small world of the tests, built fresh per test: admin {@code disinto-admin}, owner
 * {@code owner} of public repo {@code owner/proj}, writer {@code dev-bot}, reader {@code reader}
 * and a stranger; every user has password {@code <login>-password} and token {@code tok-<login>}.
 */
final class Fixture {
  static final String REPO = "owner/proj";

  private Fixture() {}

  static void seed(MockForgejo m) {
    Seed s = m.seed();
    for (String u : new String[] {"disinto-admin", "owner", "dev-bot", "review-bot", "reader",
        "stranger"}) {
      s.user(u, spec -> spec.password(u + "-password").token("tok-" + u)
          .admin(u.equals("disinto-admin")));
    }
    s.repo(REPO, r -> r.collaborator("dev-bot", "write").collaborator("review-bot", "write")
        .collaborator("reader", "read"));
  }

  static Http as(MockForgejo m, String login) {
    return Http.token(m, "tok-" + login);
  }
}
