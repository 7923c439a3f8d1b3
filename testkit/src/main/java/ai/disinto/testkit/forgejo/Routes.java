package ai.disinto.testkit.forgejo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers shared by the route groups. Handlers run while holding the state's lock. */
abstract class Routes {
  final State s;
  final Render render;
  final Logic logic;

  Routes(State s, Render render, Logic logic) {
    this.s = s;
    this.render = render;
    this.logic = logic;
  }

  abstract void register(Router router);

  static String repoTemplate(String rest) {
    return "/repos/{owner}/{repo}" + rest;
  }

  /** The repository of the call, checked for the access level (404 when invisible). */
  State.Repo repo(Call c, State.Access need) {
    State.Repo r = s.repo(c.param("owner"), c.param("repo"));
    if (r == null) {
      throw ApiException.notFound();
    }
    State.Access a = s.access(r, c.user);
    if (a == State.Access.NONE) {
      throw ApiException.notFound();
    }
    if (a.compareTo(need) < 0) {
      if (c.user == null) {
        throw ApiException.tokenRequired();
      }
      throw new ApiException(403, "user does not have the required permission");
    }
    return r;
  }

  static boolean can(State s, State.Repo r, State.User u, State.Access need) {
    return s.access(r, u).compareTo(need) >= 0;
  }

  /**
   * What an edit of an issue or a PR checks and changes first, as Forgejo does for both: only the
   * poster or a writer may edit, a merged PR's state is final (412), and title and body are taken
   * when given.
   *
   * @return whether {@code doer} can write to the repository (assignees and base need it)
   */
  boolean startEdit(State.Repo r, State.User doer, State.Issue i, Map<String, Object> body) {
    boolean writer = can(s, r, doer, State.Access.WRITE);
    if (!writer && i.user != doer) {
      throw new ApiException(403, "user is neither the poster nor a writer");
    }
    if (Json.str(body, "state") != null && i.pull != null && i.pull.merged) {
      throw new ApiException(412, "cannot change state of this pull request, it was already merged");
    }
    if (Json.str(body, "title") != null) {
      i.title = Json.str(body, "title");
    }
    if (Json.str(body, "body") != null) {
      i.body = Json.str(body, "body");
    }
    return writer;
  }

  State.Issue issue(State.Repo r, Call c) {
    State.Issue i = r.issue(c.index());
    if (i == null) {
      throw ApiException.notFound();
    }
    return i;
  }

  State.User userOr404(String login) {
    State.User u = s.user(login);
    if (u == null) {
      throw ApiException.notFound();
    }
    return u;
  }

  /** One page of {@code items} as JSON, with X-Total-Count and Link headers. */
  <T> Reply page(Call c, List<T> items, Function<T, Object> render) {
    int limit = c.qInt("limit", 0);
    if (limit <= 0) {
      limit = Math.min(State.DEFAULT_PAGE_SIZE, s.maxPageSize);
    }
    limit = Math.min(limit, s.maxPageSize);
    int page = Math.max(1, c.qInt("page", 1));
    int from = (int) Math.min((long) (page - 1) * limit, items.size());
    int to = Math.min(from + limit, items.size());
    List<Object> out = new ArrayList<>();
    for (T t : items.subList(from, to)) {
      out.add(render.apply(t));
    }
    Reply reply = Reply.json(200, out);
    listHeaders(c, reply, items.size(), limit, page);
    return reply;
  }

  /** X-Total-Count and the RFC 5988 Link header as Forgejo sets them. */
  void listHeaders(Call c, Reply reply, int total, int limit, int page) {
    reply.header("X-Total-Count", Integer.toString(total));
    reply.header("Access-Control-Expose-Headers", "X-Total-Count, Link");
    int pages = limit <= 0 ? 1 : Math.max(1, (total + limit - 1) / limit);
    List<String> links = new ArrayList<>();
    if (page < pages) {
      links.add("<" + pageUrl(c, page + 1) + ">; rel=\"next\"");
      links.add("<" + pageUrl(c, pages) + ">; rel=\"last\"");
    }
    if (page > 1) {
      links.add("<" + pageUrl(c, 1) + ">; rel=\"first\"");
      links.add("<" + pageUrl(c, page - 1) + ">; rel=\"prev\"");
    }
    if (!links.isEmpty()) {
      reply.header("Link", String.join(",", links));
    }
  }

  private String pageUrl(Call c, int page) {
    StringBuilder q = new StringBuilder();
    boolean seen = false;
    for (Map.Entry<String, List<String>> e : c.query.entrySet()) {
      for (String v : e.getValue()) {
        String value = e.getKey().equals("page") ? Integer.toString(page) : v;
        if (e.getKey().equals("page")) {
          if (seen) {
            continue;
          }
          seen = true;
        }
        q.append(q.length() == 0 ? "" : "&").append(enc(e.getKey())).append('=').append(enc(value));
      }
    }
    if (!seen) {
      q.append(q.length() == 0 ? "" : "&").append("page=").append(page);
    }
    return s.baseUrl + c.path + "?" + q;
  }

  static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  static String requireString(Map<String, Object> body, String key) {
    String v = Json.str(body, key);
    if (v == null || v.isBlank()) {
      throw new ApiException(422, "[" + key + "]: Required");
    }
    return v;
  }

  static boolean bool(Map<String, Object> body, String key, boolean fallback) {
    Boolean b = Json.bool(body, key);
    return b == null ? fallback : b;
  }
}
