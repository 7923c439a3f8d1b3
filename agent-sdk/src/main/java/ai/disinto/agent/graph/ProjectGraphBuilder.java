package ai.disinto.agent.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ProjectGraph} of a project checkout: VISION.md headings, the prerequisite tree,
 * AGENTS.md files, formulas, evidence files, then the forge's labels and issues, in that order
 * (the order decides node order and which relation survives on a pair of nodes).
 *
 * <p>Mirrors the parsers of lib/build-graph.py with their regular expressions and heuristics
 * (agent names found as substrings of headings, evidence linked when the slug of a prerequisite
 * appears in the file's JSON), which are weak but kept so that reports agree with the original.
 * Differences: directory listings are sorted (the original takes the file system's order); files
 * are read as UTF-8 with replacement instead of failing; and when the project has no {@code
 * planner/prerequisite-tree.md} or no {@code evidence/} folder they are read from the ops
 * repository ({@code <ops>/prerequisites.md}, {@code <ops>/evidence/}), where the planner keeps
 * them now.
 */
public final class ProjectGraphBuilder {
  /** The agents whose names the original looks for, in its order. */
  static final List<String> KNOWN_AGENTS = List.of("dev", "review", "gardener", "predictor",
      "planner", "supervisor", "action", "vault");

  private static final String S = PyText.S;
  private static final Pattern HEADING = Pattern.compile("^(#{1,3})[" + S + "]+(.+)",
      PyText.FLAGS);
  private static final Pattern ISSUE_REF = Pattern.compile("#(\\d+)", PyText.FLAGS);
  private static final Pattern OBJECTIVE = Pattern.compile("^##[" + S + "]+Objective:[" + S
      + "]+(.+?)(?:[" + S + "]+\\(#(\\d+)\\))?[" + S + "]*$", PyText.FLAGS);
  private static final Pattern PREREQ = Pattern.compile("^-[" + S + "]+\\[([ x])\\][" + S
      + "]+(.+)", PyText.FLAGS);
  private static final Pattern STATUS = Pattern.compile("^Status:[" + S + "]+([^" + S + "]+)",
      PyText.FLAGS);
  private static final Pattern AGENTS_HEADING = Pattern.compile("^#{1,3}[" + S + "]+(.+)",
      PyText.FLAGS);
  private static final Pattern FORMULA_NAME = Pattern.compile("^name[" + S + "]*=[" + S
      + "]*\"([^\"]+)\"", PyText.FLAGS | Pattern.MULTILINE | Pattern.UNIX_LINES);
  private static final Pattern LABEL_REF = Pattern.compile(
      "prediction/\\w+|backlog|action|in-progress", PyText.FLAGS);
  private static final Pattern BLOCKS = Pattern.compile("blocks?[" + S + "]+#(\\d+)",
      PyText.FLAGS | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern BLOCKED_BY = Pattern.compile("blocked[" + S + "]+by[" + S
      + "]+#(\\d+)", PyText.FLAGS | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private final Path root;
  private final Optional<Path> opsRoot;
  private final ForgeSource forge;

  /**
   * Creates a builder.
   *
   * @param projectRoot the project checkout ({@code --project-root})
   * @param opsRoot the ops repository, read where the project lacks the prerequisite tree or the
   *     evidence folder; empty for none
   * @param forge where labels and issues come from ({@link ForgeSource#none()} for none)
   */
  public ProjectGraphBuilder(Path projectRoot, Optional<Path> opsRoot, ForgeSource forge) {
    this.root = Objects.requireNonNull(projectRoot, "projectRoot").toAbsolutePath().normalize();
    this.opsRoot = Objects.requireNonNull(opsRoot, "opsRoot").map(p -> p.toAbsolutePath()
        .normalize());
    this.forge = Objects.requireNonNull(forge, "forge");
  }

  /**
   * Reads everything and builds the graph.
   *
   * @return the graph
   * @throws UncheckedIOException when the project root is not a readable directory (the original
   *     fails there too) or a file cannot be read
   */
  public ProjectGraph build() {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(new java.nio.file.NoSuchFileException(root.toString(), null,
          "the project root is not a directory"));
    }
    ProjectGraph g = new ProjectGraph();
    parseVision(g);
    parsePrerequisites(g);
    parseAgents(g);
    parseFormulas(g);
    parseEvidence(g);
    parseLabels(g);
    parseIssues(g);
    return g;
  }

  // ---------------------------------------------------------------------------------------------

  private void parseVision(ProjectGraph g) {
    Path path = root.resolve("VISION.md");
    if (!Files.isRegularFile(path)) {
      return;
    }
    String section = null;
    for (String line : PyText.splitLines(read(path))) {
      Matcher m = HEADING.matcher(line);
      if (m.lookingAt()) {
        String heading = PyText.strip(m.group(2));
        section = "doc:VISION/" + PyText.slug(heading);
        g.addNode(section, NodeAttrs.of(NodeType.DOC_SECTION, heading, "VISION.md"));
      }
      if (section != null) {
        Matcher r = ISSUE_REF.matcher(line);
        while (r.find()) {
          g.addEdge("issue:" + r.group(1), section, "references");
        }
      }
    }
  }

  private void parsePrerequisites(ProjectGraph g) {
    Path path = root.resolve("planner").resolve("prerequisite-tree.md");
    String source = "prerequisite-tree.md";
    if (!Files.isRegularFile(path)) {
      Optional<Path> ops = opsRoot.map(o -> o.resolve("prerequisites.md"))
          .filter(Files::isRegularFile);
      if (ops.isEmpty()) {
        return;
      }
      path = ops.get();
      source = "prerequisites.md";
    }
    String objective = null;
    for (String line : PyText.splitLines(read(path))) {
      Matcher m = OBJECTIVE.matcher(line);
      if (m.lookingAt()) {
        String name = PyText.strip(m.group(1));
        objective = "objective:" + PyText.slug(name);
        g.addNode(objective, NodeAttrs.of(NodeType.OBJECTIVE, name, source));
        if (m.group(2) != null) {
          g.addEdge("issue:" + m.group(2), objective, "implements");
        }
        continue;
      }
      m = PREREQ.matcher(line);
      if (m.lookingAt() && objective != null) {
        boolean done = m.group(1).equals("x");
        String text = PyText.strip(m.group(2));
        String prereq = "prereq:" + PyText.slug(text);
        g.addNode(prereq, NodeAttrs.of(NodeType.PREREQUISITE, text, source).done(done));
        g.addEdge(prereq, objective, "blocks");
        Matcher r = ISSUE_REF.matcher(text);
        while (r.find()) {
          g.addEdge("issue:" + r.group(1), prereq, "implements");
        }
        continue;
      }
      m = STATUS.matcher(line);
      if (m.lookingAt() && objective != null) {
        g.attrsOf(objective).status = m.group(1);
      }
    }
  }

  private void parseAgents(ProjectGraph g) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("AGENTS.md"));
    for (String entry : sortedNames(root)) {
      Path candidate = root.resolve(entry).resolve("AGENTS.md");
      if (Files.isRegularFile(candidate)) {
        files.add(candidate);
      }
    }
    for (Path path : files) {
      if (!Files.isRegularFile(path)) {
        continue;
      }
      String rel = relative(root, path);
      for (String line : PyText.splitLines(read(path))) {
        Matcher m = AGENTS_HEADING.matcher(line);
        if (!m.lookingAt()) {
          continue;
        }
        String heading = PyText.strip(m.group(1));
        String doc = "doc:" + rel.replace(".md", "") + "/" + PyText.slug(heading);
        g.addNode(doc, NodeAttrs.of(NodeType.DOC_SECTION, heading, rel));
        Optional<String> agent = agentName(heading, rel);
        if (agent.isPresent()) {
          String id = "agent:" + agent.get();
          g.addNode(id, NodeAttrs.of(NodeType.AGENT, agent.get(), rel));
          g.addEdge(doc, id, "defines");
        }
      }
    }
  }

  /** Substring match on the heading (so "Development" names {@code dev}), then the folder. */
  static Optional<String> agentName(String heading, String rel) {
    String lower = PyText.lower(heading);
    for (String a : KNOWN_AGENTS) {
      if (lower.contains(a)) {
        return Optional.of(a);
      }
    }
    String[] parts = rel.split("/", -1);
    if (parts.length >= 2 && KNOWN_AGENTS.contains(parts[0])) {
      return Optional.of(parts[0]);
    }
    return Optional.empty();
  }

  private void parseFormulas(ProjectGraph g) {
    Path dir = root.resolve("formulas");
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (String file : sortedNames(dir)) {
      // glob("*.toml") skips dot files.
      if (file.startsWith(".") || !file.endsWith(".toml")
          || !Files.isRegularFile(dir.resolve(file))) {
        continue;
      }
      String text = read(dir.resolve(file));
      Matcher m = FORMULA_NAME.matcher(text);
      String name = m.find() ? m.group(1) : file.replace(".toml", "");
      String id = "formula:" + name;
      g.addNode(id, NodeAttrs.of(NodeType.FORMULA, name, "formulas/" + file));
      for (String a : KNOWN_AGENTS) {
        if (name.contains(a) && g.hasNode("agent:" + a)) {
          g.addEdge("agent:" + a, id, "executes");
        }
      }
      Matcher l = LABEL_REF.matcher(text);
      while (l.find()) {
        g.addEdge(id, "label:" + l.group(), "produces");
      }
    }
  }

  private void parseEvidence(ProjectGraph g) {
    Path dir = root.resolve("evidence");
    if (!Files.isDirectory(dir)) {
      Optional<Path> ops = opsRoot.map(o -> o.resolve("evidence")).filter(Files::isDirectory);
      if (ops.isEmpty()) {
        return;
      }
      dir = ops.get();
    }
    walkEvidence(g, dir, dir);
  }

  private void walkEvidence(ProjectGraph g, Path base, Path dir) {
    List<String> names = sortedNames(dir);
    List<Path> subdirs = new ArrayList<>();
    for (String name : names) {
      Path p = dir.resolve(name);
      if (Files.isDirectory(p)) {
        // os.walk lists a symlinked folder but does not descend into it.
        if (!Files.isSymbolicLink(p)) {
          subdirs.add(p);
        }
        continue;
      }
      if (!name.endsWith(".json")) {
        continue;
      }
      String rel = relative(base, p);
      String id = "evidence:" + rel.replace(".json", "");
      String category = rel.contains("/") ? rel.split("/", -1)[0] : "uncategorized";
      g.addNode(id, NodeAttrs.of(NodeType.EVIDENCE, rel, "evidence/" + rel).category(category));
      String body;
      try {
        body = PyText.lower(PyJson.dumps(PyJson.parse(read(p))));
      } catch (PyJson.JsonException | UncheckedIOException e) {
        continue;
      }
      List<String> prereqs = new ArrayList<>();
      g.attrs().forEach((n, a) -> {
        if (a.is(NodeType.PREREQUISITE)) {
          prereqs.add(n);
        }
      });
      for (String prereq : prereqs) {
        // An empty slug links every evidence file: weak, kept for parity.
        String label = g.attrsOf(prereq).label().orElse("");
        if (body.contains(PyText.slug(label))) {
          g.addEdge(id, prereq, "evidences");
        }
      }
    }
    for (Path sub : subdirs) {
      walkEvidence(g, base, sub);
    }
  }

  private void parseLabels(ProjectGraph g) {
    for (Object o : forge.get("/labels")) {
      String name = string(o, "name");
      if (!name.isEmpty()) {
        String id = "label:" + name;
        if (!g.hasNode(id)) {
          g.addNode(id, NodeAttrs.of(NodeType.LABEL, name, "forge"));
        }
      }
    }
  }

  private void parseIssues(ProjectGraph g) {
    List<Object> issues = new ArrayList<>(forge.getAll("/issues?state=open&type=issues"));
    issues.addAll(forge.get(
        "/issues?state=closed&type=issues&sort=updated&direction=desc&limit=50"));
    Set<BigInteger> seen = new HashSet<>();
    for (Object o : issues) {
      if (!(o instanceof Map<?, ?> issue) || !(issue.get("number") instanceof BigInteger num)
          || num.signum() == 0 || !seen.add(num)) {
        continue;
      }
      String id = "issue:" + num;
      String title = string(issue, "title");
      g.addNode(id, NodeAttrs.of(NodeType.ISSUE, title, null).state(string(issue, "state")));
      if (issue.get("labels") instanceof List<?> labels) {
        for (Object l : labels) {
          String name = string(l, "name");
          if (!name.isEmpty()) {
            g.addEdge(id, "label:" + name, "uses-label");
          }
        }
      }
      String body = string(issue, "body");
      Matcher r = ISSUE_REF.matcher(body);
      while (r.find()) {
        if (!new BigInteger(r.group(1)).equals(num)) {
          g.addEdge(id, "issue:" + r.group(1), "references");
        }
      }
      r = BLOCKS.matcher(body);
      while (r.find()) {
        if (!new BigInteger(r.group(1)).equals(num)) {
          g.addEdge(id, "issue:" + r.group(1), "blocks");
        }
      }
      r = BLOCKED_BY.matcher(body);
      while (r.find()) {
        if (!new BigInteger(r.group(1)).equals(num)) {
          g.addEdge("issue:" + r.group(1), id, "blocks");
        }
      }
      List<String> objectives = new ArrayList<>();
      g.attrs().forEach((n, a) -> {
        if (a.is(NodeType.OBJECTIVE)) {
          objectives.add(n);
        }
      });
      String text = PyText.slug(body + " " + title);
      for (String obj : objectives) {
        String label = g.attrsOf(obj).label().orElse("");
        if (!label.isEmpty() && text.contains(PyText.slug(label))) {
          g.addEdge(id, obj, "implements");
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A string field of a JSON object; absent, null or not a string is empty. */
  private static String string(Object o, String key) {
    if (o instanceof Map<?, ?> m && m.get(key) instanceof String s) {
      return s;
    }
    return "";
  }

  private static String relative(Path base, Path p) {
    return base.relativize(p).toString().replace(java.io.File.separatorChar, '/');
  }

  private static List<String> sortedNames(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    return names;
  }

  /** A file as Python's text mode reads it: UTF-8 (bad bytes replaced), universal newlines. */
  static String read(Path p) {
    try {
      byte[] bytes = Files.readAllBytes(p);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return PyText.universalNewlines(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
