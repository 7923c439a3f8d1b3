package ai.disinto.bench;

/**
 * What a drop-in is compared on: its exit code and its standard output. Standard error is left
 * out on purpose: the port's log lines differ from the original's by design (masked previews).
 */
record Outcome(int exitCode, String stdout) {
  @Override
  public String toString() {
    String shown = stdout.length() > 60 ? stdout.substring(0, 60) + "..." : stdout;
    return "rc=" + exitCode + " stdout=\"" + shown.replace("\n", "\\n") + "\"";
  }
}
