package ai.disinto.agent.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * The attributes of one node. A node that only an edge created has none of them ("untyped"), as
 * in NetworkX. Adding a node again merges the new attributes over the old ones, the last write
 * winning, so the class is mutable inside this package and read-only outside.
 */
public final class NodeAttrs {
  NodeType type;
  String label;
  String source;
  String state;
  String status;
  Boolean done;
  String category;

  NodeAttrs() {}

  /**
   * Attributes of a typed node.
   *
   * @param type the type
   * @param label the display label
   * @param source where the node came from (a relative path, or {@code forge})
   * @return the attributes; the other fields are unset
   */
  public static NodeAttrs of(NodeType type, String label, String source) {
    NodeAttrs a = new NodeAttrs();
    a.type = Objects.requireNonNull(type, "type");
    a.label = label;
    a.source = source;
    return a;
  }

  /**
   * The same attributes with a state (issues).
   *
   * @param value the forge state, such as {@code open}
   * @return this
   */
  NodeAttrs state(String value) {
    this.state = value;
    return this;
  }

  NodeAttrs done(boolean value) {
    this.done = value;
    return this;
  }

  NodeAttrs category(String value) {
    this.category = value;
    return this;
  }

  void mergeFrom(NodeAttrs o) {
    if (o.type != null) {
      type = o.type;
    }
    if (o.label != null) {
      label = o.label;
    }
    if (o.source != null) {
      source = o.source;
    }
    if (o.state != null) {
      state = o.state;
    }
    if (o.status != null) {
      status = o.status;
    }
    if (o.done != null) {
      done = o.done;
    }
    if (o.category != null) {
      category = o.category;
    }
  }

  /**
   * The type.
   *
   * @return the type, empty for an untyped node
   */
  public Optional<NodeType> type() {
    return Optional.ofNullable(type);
  }

  /**
   * Tells whether the node has this type.
   *
   * @param t a type
   * @return true when typed as {@code t}
   */
  public boolean is(NodeType t) {
    return type == t;
  }

  /**
   * The label.
   *
   * @return the label, empty when unset
   */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  /**
   * The source.
   *
   * @return the relative path or {@code forge}, empty when unset
   */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The forge state of an issue.
   *
   * @return the state, empty when unset
   */
  public Optional<String> state() {
    return Optional.ofNullable(state);
  }

  /**
   * The {@code Status:} of an objective.
   *
   * @return the status, empty when unset
   */
  public Optional<String> status() {
    return Optional.ofNullable(status);
  }

  /**
   * Whether a prerequisite is checked.
   *
   * @return the flag, empty when unset
   */
  public Optional<Boolean> done() {
    return Optional.ofNullable(done);
  }

  /**
   * The evidence category (first folder below {@code evidence/}, or {@code uncategorized}).
   *
   * @return the category, empty when unset
   */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  @Override
  public String toString() {
    return "NodeAttrs[type=" + (type == null ? "" : type.wireName()) + ", label=" + label + "]";
  }
}
