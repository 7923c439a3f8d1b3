package ai.disinto.testkit.woodpecker;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The part of Woodpecker's pipeline configuration the mock runs: workflows from {@code
 * .woodpecker/*.yml|yaml} (one per file, named after it) or else {@code .woodpecker.yaml} / {@code
 * .woodpecker.yml} (one workflow, {@code woodpecker}); per workflow its {@code when}, {@code
 * skip_clone} and {@code steps} (list or map form); per step {@code name}, {@code commands},
 * {@code environment} (plain values; {@code from_secret} entries are left out), {@code when} and
 * {@code failure: ignore}. Everything else ({@code image}, {@code depends_on}, services, matrix,
 * plugin settings) is read past, and {@code when} conditions other than {@code event}, {@code
 * branch} and {@code status} count as met.
 */
final class PipelineConfig {
  private PipelineConfig() {}

  /** The event a filter is checked against. */
  record Trigger(String event, String branch) {}

  /** One workflow of a pipeline. */
  record Workflow(String name, boolean skipClone, List<Step> steps) {}

  /** One step. */
  record Step(String name, List<String> commands, Map<String, String> environment, When when,
      boolean ignoreFailure) {}

  /** A {@code when} block: a list of alternatives, any of which may match. */
  record When(List<Map<String, Object>> alternatives) {
    static final When ALWAYS = new When(List.of());

    boolean matches(Trigger t, boolean failing) {
      if (alternatives.isEmpty()) {
        return !failing;
      }
      for (Map<String, Object> alt : alternatives) {
        if (matchesOne(alt, t, failing)) {
          return true;
        }
      }
      return false;
    }

    private static boolean matchesOne(Map<String, Object> alt, Trigger t, boolean failing) {
      Object status = alt.get("status");
      List<String> statuses = status == null ? List.of("success") : strings(status);
      if (!statuses.contains(failing ? "failure" : "success")) {
        return false;
      }
      Object event = alt.get("event");
      if (event != null && !filter(event, t.event(), false)) {
        return false;
      }
      Object branch = alt.get("branch");
      return branch == null || filter(branch, t.branch(), true);
    }

    /** A value list, or {@code {include: .., exclude: ..}}; branches may be globs. */
    private static boolean filter(Object spec, String value, boolean glob) {
      if (spec instanceof Map<?, ?> m) {
        Object inc = m.get("include");
        Object exc = m.get("exclude");
        if (exc != null && anyMatch(strings(exc), value, glob)) {
          return false;
        }
        return inc == null || anyMatch(strings(inc), value, glob);
      }
      return anyMatch(strings(spec), value, glob);
    }

    private static boolean anyMatch(List<String> patterns, String value, boolean glob) {
      for (String p : patterns) {
        if (p.equals(value)) {
          return true;
        }
        if (glob && (p.contains("*") || p.contains("?") || p.contains("["))) {
          PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
          if (m.matches(Path.of(value))) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** A configuration file that cannot be read. */
  static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  /**
   * The workflows of a commit, from its files; none when it has no configuration.
   *
   * @param files the commit's files by path
   * @return workflow file name to its parsed map, in file order
   */
  static Map<String, byte[]> configFiles(Map<String, byte[]> files) {
    Map<String, byte[]> dir = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String p = e.getKey();
      if (p.startsWith(".woodpecker/") && p.indexOf('/', ".woodpecker/".length()) < 0
          && (p.endsWith(".yml") || p.endsWith(".yaml"))) {
        dir.put(p, e.getValue());
      }
    }
    if (!dir.isEmpty()) {
      return dir;
    }
    for (String single : List.of(".woodpecker.yaml", ".woodpecker.yml")) {
      if (files.containsKey(single)) {
        return Map.of(single, files.get(single));
      }
    }
    return Map.of();
  }

  /** The workflow name of a configuration file: its base name without extension. */
  static String workflowName(String path) {
    if (!path.startsWith(".woodpecker/")) {
      return "woodpecker";
    }
    String base = path.substring(".woodpecker/".length());
    return base.substring(0, base.lastIndexOf('.'));
  }

  /**
   * Parses one configuration file; null when its workflow {@code when} does not match.
   *
   * @throws ConfigException when the YAML is malformed or has no steps
   */
  static Workflow parse(String path, byte[] yaml, Trigger trigger) throws ConfigException {
    Object root;
    try {
      root = new Load(LoadSettings.builder().setLabel(path).build())
          .loadFromString(new String(yaml, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      throw new ConfigException(path + ": " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new ConfigException(path + ": the configuration is not a mapping");
    }
    When when = when(top.get("when"));
    if (!when.alternatives().isEmpty() && !when.matches(trigger, false)) {
      return null;
    }
    Object stepsNode = top.get("steps");
    List<Step> steps = new ArrayList<>();
    if (stepsNode instanceof List<?> list) {
      int n = 0;
      for (Object o : list) {
        n++;
        if (!(o instanceof Map<?, ?> m)) {
          throw new ConfigException(path + ": step " + n + " is not a mapping");
        }
        Object name = m.get("name");
        steps.add(step(name == null ? "step-" + n : name.toString(), m));
      }
    } else if (stepsNode instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> m)) {
          throw new ConfigException(path + ": step " + e.getKey() + " is not a mapping");
        }
        steps.add(step(String.valueOf(e.getKey()), m));
      }
    } else {
      throw new ConfigException(path + ": no steps");
    }
    if (steps.isEmpty()) {
      throw new ConfigException(path + ": no steps");
    }
    return new Workflow(workflowName(path), Boolean.TRUE.equals(top.get("skip_clone")), steps);
  }

  private static Step step(String name, Map<?, ?> m) {
    Object cmds = m.get("commands");
    if (cmds == null) {
      cmds = m.get("command");
    }
    List<String> commands = cmds == null ? List.of() : strings(cmds);
    Map<String, String> env = new LinkedHashMap<>();
    if (m.get("environment") instanceof Map<?, ?> e) {
      for (Map.Entry<?, ?> kv : e.entrySet()) {
        if (kv.getValue() != null && !(kv.getValue() instanceof Map)) {
          env.put(String.valueOf(kv.getKey()), scalar(kv.getValue()));
        }
      }
    }
    Object failure = m.get("failure");
    return new Step(name, commands, env, when(m.get("when")),
        failure != null && "ignore".equals(failure.toString().toLowerCase(Locale.ROOT)));
  }

  private static When when(Object node) {
    List<Map<String, Object>> alts = new ArrayList<>();
    if (node instanceof Map<?, ?> m) {
      alts.add(stringKeys(m));
    } else if (node instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          alts.add(stringKeys(m));
        }
      }
    }
    return alts.isEmpty() ? When.ALWAYS : new When(alts);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object v : l) {
        if (v != null) {
          out.add(scalar(v));
        }
      }
    } else if (o != null) {
      out.add(scalar(o));
    }
    return out;
  }

  private static String scalar(Object v) {
    return v.toString();
  }
}
