package ai.disinto.forge.setup;

/** The three kinds of repository {@link BranchProtection} protects, each with its own rule. */
public enum ProtectionProfile {
  /**
   * The ops repository: vault files change only through a pull request the admin merges; the
   * bots that write journals, knowledge and evidence push there directly.
   */
  VAULT,
  /** An agent's {@code .profile}: formula changes through a pull request the admin merges. */
  PROFILE,
  /** The project repository: no direct pushes, one approval, merged by the walking bots. */
  PROJECT
}
