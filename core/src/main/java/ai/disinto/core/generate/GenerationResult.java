package ai.disinto.core.generate;

/** What a generator did with its file. */
public enum GenerationResult {
  /** The file did not exist and has been written. */
  CREATED,
  /** The file existed and was left exactly as it was. */
  SKIPPED_EXISTS
}
