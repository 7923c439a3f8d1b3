package ai.disinto.agent.graph;

import java.util.Optional;

/**
 * The kinds of node of the project graph, with the names the JSON report uses. Mirrors the
 * {@code type} attribute of build-graph.py.
 */
public enum NodeType {
  /** A heading of VISION.md or of an AGENTS.md file. */
  DOC_SECTION("doc-section"),
  /** An objective of the prerequisite tree. */
  OBJECTIVE("objective"),
  /** A checklist item under an objective. */
  PREREQUISITE("prerequisite"),
  /** One of the factory's agents. */
  AGENT("agent"),
  /** A formula file. */
  FORMULA("formula"),
  /** An evidence JSON file. */
  EVIDENCE("evidence"),
  /** A forge label. */
  LABEL("label"),
  /** A forge issue. */
  ISSUE("issue");

  private final String wireName;

  NodeType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name in the report, such as {@code doc-section}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The type of a wire name.
   *
   * @param name a wire name
   * @return the type, or empty for an unknown name
   */
  public static Optional<NodeType> ofWireName(String name) {
    for (NodeType t : values()) {
      if (t.wireName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
