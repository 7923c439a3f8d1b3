package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

/**
 * A CI gate that answers from scripts: the commit states in order (the last one repeats), the
 * failure type of each failed pipeline in order (the last one repeats); {@link #THROW} throws.
 */
final class ScriptedCiGate implements CiGate {
  /** A state that makes {@link #commitStatus} throw. */
  static final String THROW = "<throw>";
  boolean configured = true;
  boolean required = true;
  OptionalLong pipeline = OptionalLong.of(17);
  String digest = "";
  String stepLogs = "";
  private final Deque<String> states = new ArrayDeque<>();
  private final Deque<FailureType> types = new ArrayDeque<>();
  final List<String> statusChecks = new ArrayList<>();
  int classifications;

  ScriptedCiGate states(String... s) {
    states.addAll(List.of(s));
    return this;
  }

  ScriptedCiGate types(FailureType... t) {
    types.addAll(List.of(t));
    return this;
  }

  @Override
  public boolean ciConfigured() {
    return configured;
  }

  @Override
  public boolean ciRequiredForPr(long pr) {
    return required;
  }

  @Override
  public String commitStatus(String sha) {
    statusChecks.add(sha);
    String s = states.size() > 1 ? states.poll() : states.peek() == null ? "pending" : states.peek();
    if (s.equals(THROW)) {
      throw new DisintoException("CI unreachable");
    }
    return s;
  }

  @Override
  public OptionalLong pipelineNumber(String sha) {
    return pipeline;
  }

  @Override
  public FailureType classify(long pipeline) {
    classifications++;
    return types.size() > 1 ? types.poll() : types.peek() == null ? FailureType.CODE : types.peek();
  }

  @Override
  public String failureDigest(long pipeline) {
    return digest;
  }

  @Override
  public String stepLogs(long pipeline) {
    return stepLogs;
  }
}
