package ai.disinto.testkit.forgejo;

/**
 * What the mock's merge check says about a pull request, in place of a real test merge.
 *
 * <p>Forgejo computes this in the background after every push; the mock lets the test choose it
 * (checklist item 8 of spec/forge.md).
 */
public enum Mergeability {
  /** The PR can be merged ({@code mergeable: true}). */
  MERGEABLE,
  /** The PR conflicts with its base: merge answers 409. */
  CONFLICT,
  /** The check is still running: merge answers 405 "Please try again later". */
  CHECKING
}
