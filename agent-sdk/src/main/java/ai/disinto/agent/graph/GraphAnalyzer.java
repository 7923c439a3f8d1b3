package ai.disinto.agent.graph;

import ai.disinto.agent.graph.GraphReport.Affected;
import ai.disinto.agent.graph.GraphReport.Alert;
import ai.disinto.agent.graph.GraphReport.Bottleneck;
import ai.disinto.agent.graph.GraphReport.Cluster;
import ai.disinto.agent.graph.GraphReport.Cycle;
import ai.disinto.agent.graph.GraphReport.Orphan;
import ai.disinto.agent.graph.GraphReport.ThinObjective;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.cycle.JohnsonSimpleCycles;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.EdgeReversedGraph;

/**
 * Runs the structural analyses of build-graph.py over a {@link ProjectGraph} and returns the
 * {@link GraphReport}.
 *
 * <p>Cycles come from JGraphT's Johnson algorithm on the {@code blocks} sub-graph, components from
 * its connectivity inspector, ancestors from a search over the reversed graph. Betweenness is
 * Brandes' algorithm written out here in NetworkX's order of sources, neighbours and sums, so the
 * rounded scores and their ties agree with the original to the last bit. Where the original's
 * order depends on Python's set iteration (members of a cluster, alerts) or on NetworkX's cycle
 * search (where a cycle starts, which comes first), this port uses node order, sorted order, and
 * cycles rotated to start at their smallest id and sorted.
 */
public final class GraphAnalyzer {
  static final String ALERT = "PR modifies file tracing to a DONE prerequisite";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Map<NodeType, String> ORPHAN_REASONS = Map.of(
      NodeType.LABEL, "no issue uses this label",
      NodeType.FORMULA, "no agent executes this formula",
      NodeType.EVIDENCE, "not linked to any prerequisite",
      NodeType.ISSUE, "not connected to any objective or other issue");

  private GraphAnalyzer() {}

  /**
   * Analyses a graph.
   *
   * @param g the graph
   * @param changedFiles the files a PR changes (reviewer mode), relative to the project root;
   *     empty or an empty list for no reviewer section
   * @param clock the time of {@code generated}
   * @return the report
   */
  public static GraphReport analyze(ProjectGraph g, Optional<List<String>> changedFiles,
      Clock clock) {
    Graph<String, RelationEdge> graph = g.graph();
    String generated = STAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Optional<Affected> affected = changedFiles.filter(l -> !l.isEmpty())
        .map(l -> affected(g, l));
    return new GraphReport(generated, graph.vertexSet().size(), graph.edgeSet().size(),
        orphans(g), cycles(g), disconnected(g), thinObjectives(g), bottlenecks(g), affected);
  }

  static List<Orphan> orphans(ProjectGraph g) {
    Graph<String, RelationEdge> graph = g.graph();
    List<Orphan> out = new ArrayList<>();
    for (String v : graph.vertexSet()) {
      if (graph.degreeOf(v) != 0) {
        continue;
      }
      Optional<NodeType> t = g.attrsOf(v).type();
      if (t.isPresent() && ORPHAN_REASONS.containsKey(t.get())) {
        out.add(new Orphan(v, t.get().wireName(), ORPHAN_REASONS.get(t.get())));
      }
    }
    return out;
  }

  static List<Cycle> cycles(ProjectGraph g) {
    Graph<String, RelationEdge> graph = g.graph();
    Set<RelationEdge> blocks = new LinkedHashSet<>();
    Set<String> ends = new LinkedHashSet<>();
    for (RelationEdge e : graph.edgeSet()) {
      if ("blocks".equals(e.relation)) {
        blocks.add(e);
        ends.add(graph.getEdgeSource(e));
        ends.add(graph.getEdgeTarget(e));
      }
    }
    if (blocks.isEmpty()) {
      return List.of();
    }
    Graph<String, RelationEdge> sub = new AsSubgraph<>(graph, ends, blocks);
    List<List<String>> found = new ArrayList<>();
    for (List<String> c : new JohnsonSimpleCycles<>(sub).findSimpleCycles()) {
      if (c.size() >= 2) {
        found.add(rotateToSmallest(c));
      }
    }
    found.sort(GraphAnalyzer::compareChains);
    return found.stream().map(c -> new Cycle(c, "blocks")).toList();
  }

  private static List<String> rotateToSmallest(List<String> c) {
    int min = 0;
    for (int i = 1; i < c.size(); i++) {
      if (c.get(i).compareTo(c.get(min)) < 0) {
        min = i;
      }
    }
    List<String> r = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      r.add(c.get((min + i) % c.size()));
    }
    return r;
  }

  private static int compareChains(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  static List<Cluster> disconnected(ProjectGraph g) {
    Graph<String, RelationEdge> graph = g.graph();
    boolean anyObjective = graph.vertexSet().stream().anyMatch(v -> g.isOfType(v,
        NodeType.OBJECTIVE));
    if (!anyObjective) {
      return List.of();
    }
    ConnectivityInspector<String, RelationEdge> inspector = new ConnectivityInspector<>(graph);
    Set<String> seen = new HashSet<>();
    List<Cluster> out = new ArrayList<>();
    for (String v : graph.vertexSet()) {
      if (seen.contains(v)) {
        continue;
      }
      Set<String> component = inspector.connectedSetOf(v);
      seen.addAll(component);
      if (component.stream().anyMatch(n -> g.isOfType(n, NodeType.OBJECTIVE))) {
        continue;
      }
      List<String> interesting = new ArrayList<>();
      for (String n : graph.vertexSet()) {
        if (component.contains(n) && (g.isOfType(n, NodeType.ISSUE)
            || g.isOfType(n, NodeType.FORMULA) || g.isOfType(n, NodeType.EVIDENCE))) {
          interesting.add(n);
        }
      }
      if (!interesting.isEmpty()) {
        out.add(new Cluster(interesting.subList(0, Math.min(10, interesting.size())),
            "no path to any objective"));
      }
    }
    return out;
  }

  static List<ThinObjective> thinObjectives(ProjectGraph g) {
    Graph<String, RelationEdge> graph = g.graph();
    Graph<String, RelationEdge> reversed = new EdgeReversedGraph<>(graph);
    List<ThinObjective> out = new ArrayList<>();
    for (String v : graph.vertexSet()) {
      NodeAttrs a = g.attrsOf(v);
      if (!a.is(NodeType.OBJECTIVE)) {
        continue;
      }
      Set<String> ancestors = reachable(reversed, v);
      ancestors.remove(v);
      int evidence = 0;
      int issues = 0;
      for (String n : ancestors) {
        if (g.isOfType(n, NodeType.EVIDENCE)) {
          evidence++;
        } else if (g.isOfType(n, NodeType.ISSUE)) {
          issues++;
        }
      }
      String status = a.status().orElse("UNKNOWN");
      if (evidence < 2 || ((status.equals("DONE") || status.equals("READY")) && issues < 2)) {
        out.add(new ThinObjective(v, status, evidence, issues));
      }
    }
    return out;
  }

  private static Set<String> reachable(Graph<String, RelationEdge> graph, String start) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : Graphs.successorListOf(graph, v)) {
        if (seen.add(w)) {
          queue.add(w);
        }
      }
    }
    // A cycle back to the start makes it its own ancestor; NetworkX's ancestors() never lists it.
    return seen;
  }

  static List<Bottleneck> bottlenecks(ProjectGraph g) {
    Graph<String, RelationEdge> graph = g.graph();
    int n = graph.vertexSet().size();
    if (n < 3) {
      return List.of();
    }
    Map<String, Double> score = betweenness(graph);
    List<String> order = new ArrayList<>(graph.vertexSet());
    // Stable: ties keep node order, as Python's sorted() does.
    order.sort(Comparator.comparing(v -> -score.get(v),
        (x, y) -> x < y ? -1 : x > y ? 1 : 0));
    List<Bottleneck> out = new ArrayList<>();
    for (String v : order) {
      double s = score.get(v);
      if (s < 0.05) {
        break;
      }
      double rounded = new BigDecimal(s).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
      out.add(new Bottleneck(v, rounded, Graphs.predecessorListOf(graph, v).size()));
      if (out.size() >= 10) {
        break;
      }
    }
    return out;
  }

  /** Normalised betweenness without endpoints, summed in NetworkX's order. */
  static Map<String, Double> betweenness(Graph<String, RelationEdge> graph) {
    List<String> nodes = new ArrayList<>(graph.vertexSet());
    Map<String, Double> bt = new HashMap<>();
    for (String v : nodes) {
      bt.put(v, 0.0);
    }
    for (String s : nodes) {
      List<String> stack = new ArrayList<>();
      Map<String, List<String>> pred = new HashMap<>();
      Map<String, Double> sigma = new HashMap<>();
      Map<String, Integer> dist = new HashMap<>();
      for (String v : nodes) {
        pred.put(v, new ArrayList<>());
        sigma.put(v, 0.0);
      }
      sigma.put(s, 1.0);
      dist.put(s, 0);
      Deque<String> queue = new ArrayDeque<>();
      queue.add(s);
      while (!queue.isEmpty()) {
        String v = queue.poll();
        stack.add(v);
        int dv = dist.get(v);
        double sv = sigma.get(v);
        for (RelationEdge e : graph.outgoingEdgesOf(v)) {
          String w = graph.getEdgeTarget(e);
          if (!dist.containsKey(w)) {
            queue.add(w);
            dist.put(w, dv + 1);
          }
          if (dist.get(w) == dv + 1) {
            sigma.put(w, sigma.get(w) + sv);
            pred.get(w).add(v);
          }
        }
      }
      Map<String, Double> delta = new HashMap<>();
      for (String v : stack) {
        delta.put(v, 0.0);
      }
      for (int i = stack.size() - 1; i >= 0; i--) {
        String w = stack.get(i);
        double coeff = (1 + delta.get(w)) / sigma.get(w);
        for (String v : pred.get(w)) {
          delta.put(v, delta.get(v) + sigma.get(v) * coeff);
        }
        if (!w.equals(s)) {
          bt.put(w, bt.get(w) + delta.get(w));
        }
      }
    }
    int big = nodes.size() - 1;
    if (big >= 2) {
      double scale = 1.0 / ((double) big * (big - 1));
      if (scale != 1) {
        for (String v : nodes) {
          bt.put(v, bt.get(v) * scale);
        }
      }
    }
    return bt;
  }

  static Affected affected(ProjectGraph g, List<String> changedFiles) {
    Graph<String, RelationEdge> graph = g.graph();
    Set<String> changed = new LinkedHashSet<>();
    for (String f : changedFiles) {
      if (f.startsWith("formulas/")) {
        String name = f.substring(f.lastIndexOf('/') + 1).replace(".toml", "");
        for (String v : graph.vertexSet()) {
          if (v.startsWith("formula:") && v.contains(name)) {
            changed.add(v);
          }
        }
      }
      for (String a : ProjectGraphBuilder.KNOWN_AGENTS) {
        if (f.startsWith(a + "/") && g.hasNode("agent:" + a)) {
          changed.add("agent:" + a);
        }
      }
      if (f.startsWith("evidence/")) {
        // The slug of the path keeps "json" and the id does not, so this rarely matches: parity.
        String slug = PyText.slug(f);
        for (String v : graph.vertexSet()) {
          if (v.startsWith("evidence:") && PyText.slug(v).contains(slug)) {
            changed.add(v);
          }
        }
      }
    }
    ConnectivityInspector<String, RelationEdge> inspector = new ConnectivityInspector<>(graph);
    Set<String> objectives = new TreeSet<>();
    Set<String> prereqs = new TreeSet<>();
    for (String c : changed) {
      for (String r : inspector.connectedSetOf(c)) {
        if (g.isOfType(r, NodeType.OBJECTIVE)) {
          objectives.add(r);
        } else if (g.isOfType(r, NodeType.PREREQUISITE)) {
          prereqs.add(r);
        }
      }
    }
    List<Alert> alerts = new ArrayList<>();
    for (String p : prereqs) {
      NodeAttrs a = g.attrsOf(p);
      if (a.done().orElse(false)) {
        alerts.add(new Alert(p, a.label().orElse(""), ALERT));
      }
    }
    return new Affected(List.copyOf(objectives), List.copyOf(prereqs), alerts);
  }
}
