package ai.disinto.agent.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The project knowledge graph: a JGraphT directed graph (no parallel edges, loops allowed, nodes
 * and edges in insertion order) of string ids, plus the attributes of each node. Mirrors the
 * NetworkX {@code DiGraph} of build-graph.py and its {@code add_node}/{@code add_edge} semantics.
 * Not thread-safe.
 */
public final class ProjectGraph {
  private final Graph<String, RelationEdge> graph = new DefaultDirectedGraph<>(RelationEdge.class);
  private final Map<String, NodeAttrs> attrs = new LinkedHashMap<>();

  /** Creates an empty graph. */
  public ProjectGraph() {}

  /**
   * The graph itself; read it, change it only through this class.
   *
   * @return the JGraphT graph
   */
  public Graph<String, RelationEdge> graph() {
    return graph;
  }

  /**
   * The attributes of every node, in node order (untyped nodes have empty attributes).
   *
   * @return an unmodifiable view
   */
  public Map<String, NodeAttrs> attrs() {
    return Collections.unmodifiableMap(attrs);
  }

  /**
   * The attributes of a node.
   *
   * @param id the node id
   * @return the attributes, empty attributes when the node is untyped, {@code null} when absent
   */
  public NodeAttrs attrsOf(String id) {
    return attrs.get(id);
  }

  /**
   * Adds a node, or merges the attributes into those of an existing one (it keeps its place).
   *
   * @param id the node id
   * @param a the attributes
   */
  public void addNode(String id, NodeAttrs a) {
    Objects.requireNonNull(a, "attrs");
    ensure(id).mergeFrom(a);
  }

  /**
   * Adds an edge, creating untyped nodes for missing ends (from first), or replaces the relation
   * of the existing edge between the two nodes.
   *
   * @param from the source node
   * @param to the target node
   * @param relation the relation
   */
  public void addEdge(String from, String to, String relation) {
    ensure(from);
    ensure(to);
    RelationEdge e = graph.getEdge(from, to);
    if (e != null) {
      e.relation = relation;
    } else {
      graph.addEdge(from, to, new RelationEdge(relation));
    }
  }

  /**
   * Tells whether a node exists.
   *
   * @param id the node id
   * @return true when present
   */
  public boolean hasNode(String id) {
    return attrs.containsKey(id);
  }

  /**
   * Tells whether a node exists and has a type.
   *
   * @param id the node id
   * @param type the type
   * @return true when the node is of that type
   */
  public boolean isOfType(String id, NodeType type) {
    NodeAttrs a = attrs.get(id);
    return a != null && a.is(type);
  }

  private NodeAttrs ensure(String id) {
    Objects.requireNonNull(id, "id");
    NodeAttrs a = attrs.get(id);
    if (a == null) {
      a = new NodeAttrs();
      attrs.put(id, a);
      graph.addVertex(id);
    }
    return a;
  }
}
