package ai.disinto.testkit.forgejo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches API paths (below {@code /api/v1}) against route templates written exactly as the
 * published API description spells them. A route may mark its last parameter as greedy
 * (Forgejo's {@code /*} routes: branch names, refs, file paths with slashes).
 */
final class Router {
  interface Handler {
    Reply handle(Call call);
  }

  /** One method + template. {@code template} is the swagger path. */
  record Route(String method, String template, Pattern regex, List<String> params,
      Handler handler) {}

  /** A found route and its decoded path parameters. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  void add(String method, String template, Handler handler) {
    add(method, template, null, handler);
  }

  /** Registers a route; {@code greedy} names the parameter that may contain slashes. */
  void add(String method, String template, String greedy, Handler handler) {
    List<String> names = new ArrayList<>();
    StringBuilder re = new StringBuilder();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      names.add(name);
      if (name.equals("index")) {
        re.append("([0-9]+)");
      } else {
        re.append(name.equals(greedy) ? "(.+)" : "([^/]+)");
      }
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, template, Pattern.compile(re.toString()), names, handler));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for method and raw path, or null; {@code allowed} collects methods of the path. */
  Match find(String method, String rawPath, Set<String> allowed) {
    for (Route r : routes) {
      Matcher m = r.regex().matcher(rawPath);
      if (!m.matches()) {
        continue;
      }
      if (!r.method().equals(method)) {
        allowed.add(r.method());
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < r.params().size(); i++) {
        params.put(r.params().get(i), decode(m.group(i + 1)));
      }
      return new Match(r, params);
    }
    return null;
  }

  /** Percent-decoding of a path part ({@code +} stays a plus). */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        try {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the percent sign
        }
      }
      byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
