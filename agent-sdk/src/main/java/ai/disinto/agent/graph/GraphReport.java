package ai.disinto.agent.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The structural analysis of a {@link ProjectGraph}, as build-graph.py writes it: when it was
 * generated, the graph's size, orphans, blocking cycles, clusters cut off from every objective,
 * thinly evidenced objectives, bottlenecks and, in reviewer mode, what the changed files touch.
 *
 * @param generated the UTC time, {@code yyyy-MM-ddTHH:mm:ssZ}
 * @param nodes the number of nodes
 * @param edges the number of edges
 * @param orphans isolated labels, formulas, evidence files and issues
 * @param cycles simple cycles of {@code blocks} edges
 * @param disconnected clusters without a path to an objective
 * @param thinObjectives objectives with too little evidence or too few issues
 * @param bottlenecks the nodes of highest betweenness centrality
 * @param affected what the changed files trace to (reviewer mode only)
 */
public record GraphReport(String generated, int nodes, int edges, List<Orphan> orphans,
    List<Cycle> cycles, List<Cluster> disconnected, List<ThinObjective> thinObjectives,
    List<Bottleneck> bottlenecks, Optional<Affected> affected) {

  /**
   * Freezes the lists.
   *
   * @param generated the time
   * @param nodes node count
   * @param edges edge count
   * @param orphans orphans
   * @param cycles cycles
   * @param disconnected clusters
   * @param thinObjectives thin objectives
   * @param bottlenecks bottlenecks
   * @param affected reviewer-mode section
   */
  public GraphReport {
    Objects.requireNonNull(generated, "generated");
    orphans = List.copyOf(orphans);
    cycles = List.copyOf(cycles);
    disconnected = List.copyOf(disconnected);
    thinObjectives = List.copyOf(thinObjectives);
    bottlenecks = List.copyOf(bottlenecks);
    Objects.requireNonNull(affected, "affected");
  }

  /**
   * An isolated node of an interesting type.
   *
   * @param id the node id
   * @param type its type's wire name
   * @param reason why it matters
   */
  public record Orphan(String id, String type, String reason) {}

  /**
   * A blocking cycle.
   *
   * @param chain the node ids in edge direction, starting at the smallest id
   * @param relation always {@code blocks}
   */
  public record Cycle(List<String> chain, String relation) {
    /**
     * Freezes the chain.
     *
     * @param chain the ids
     * @param relation the relation
     */
    public Cycle {
      chain = List.copyOf(chain);
    }
  }

  /**
   * A weakly connected component without an objective.
   *
   * @param cluster up to ten of its issue, formula and evidence nodes, in node order
   * @param reason always {@code no path to any objective}
   */
  public record Cluster(List<String> cluster, String reason) {
    /**
     * Freezes the members.
     *
     * @param cluster the ids
     * @param reason the reason
     */
    public Cluster {
      cluster = List.copyOf(cluster);
    }
  }

  /**
   * An objective with weak coverage.
   *
   * @param id the objective's id
   * @param status its {@code Status:} or {@code UNKNOWN}
   * @param evidenceCount evidence nodes with a path to it
   * @param issueCount issue nodes with a path to it
   */
  public record ThinObjective(String id, String status, int evidenceCount, int issueCount) {}

  /**
   * A node many shortest paths go through.
   *
   * @param id the node id
   * @param centrality normalised betweenness centrality rounded to four decimals
   * @param dependents the number of its predecessors
   */
  public record Bottleneck(String id, double centrality, int dependents) {}

  /**
   * The reviewer-mode section.
   *
   * @param objectives affected objective ids, sorted
   * @param prerequisites affected prerequisite ids, sorted
   * @param alerts the affected prerequisites that are done
   */
  public record Affected(List<String> objectives, List<String> prerequisites,
      List<Alert> alerts) {
    /**
     * Freezes the lists.
     *
     * @param objectives objectives
     * @param prerequisites prerequisites
     * @param alerts alerts
     */
    public Affected {
      objectives = List.copyOf(objectives);
      prerequisites = List.copyOf(prerequisites);
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * A changed file tracing to a done prerequisite.
   *
   * @param prereq the prerequisite's id
   * @param label its label
   * @param alert the alert text
   */
  public record Alert(String prereq, String label, String alert) {}

  /**
   * The report as build-graph.py writes it ({@code json.dump(report, f, indent=2)}): the same keys
   * in the same order, two-space indentation, ASCII only, no final newline.
   *
   * @return the JSON text
   */
  public String toJson() {
    return PyJson.dumpsIndented(toMap());
  }

  private Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generated", generated);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("nodes", nodes);
    stats.put("edges", edges);
    m.put("stats", stats);
    m.put("orphans", map(orphans, o -> obj("id", o.id(), "type", o.type(), "reason", o.reason())));
    m.put("cycles", map(cycles, c -> obj("chain", c.chain(), "relation", c.relation())));
    m.put("disconnected", map(disconnected, c -> obj("cluster", c.cluster(), "reason",
        c.reason())));
    m.put("thin_objectives", map(thinObjectives, t -> obj("id", t.id(), "status", t.status(),
        "evidence_count", t.evidenceCount(), "issue_count", t.issueCount())));
    m.put("bottlenecks", map(bottlenecks, b -> obj("id", b.id(), "centrality", b.centrality(),
        "dependents", b.dependents())));
    affected.ifPresent(a -> {
      m.put("affected_objectives", a.objectives());
      m.put("affected_prerequisites", a.prerequisites());
      m.put("alerts", map(a.alerts(), x -> obj("prereq", x.prereq(), "label", x.label(), "alert",
          x.alert())));
    });
    return m;
  }

  private static <T> List<Object> map(List<T> items, java.util.function.Function<T, Object> f) {
    List<Object> out = new ArrayList<>();
    for (T t : items) {
      out.add(f.apply(t));
    }
    return out;
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
