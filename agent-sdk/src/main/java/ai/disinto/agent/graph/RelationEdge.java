package ai.disinto.agent.graph;

/**
 * A directed edge of the project graph and its relation ({@code blocks}, {@code references}…).
 * Adding an edge between the same two nodes again replaces the relation, as NetworkX does, so the
 * relation is mutable inside this package.
 */
public final class RelationEdge {
  String relation;

  RelationEdge(String relation) {
    this.relation = relation;
  }

  /**
   * The relation.
   *
   * @return the relation's name
   */
  public String relation() {
    return relation;
  }

  @Override
  public String toString() {
    return relation;
  }
}
