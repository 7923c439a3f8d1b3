package ai.disinto.examples.cli.pr;

import ai.disinto.core.process.ProcessResult;

/** Maps how a child process ended to the exit code a shell would report for it. */
final class ChildExit {
  /** The child ran out of time (as coreutils' timeout reports it). */
  static final int TIMED_OUT = 124;
  /** We were interrupted while the child ran. */
  static final int INTERRUPTED = 130;
  /** The command could not be started (as a shell reports it). */
  static final int CANNOT_START = 127;

  private ChildExit() {}

  static int code(ProcessResult r) {
    return switch (r.ending()) {
      case EXITED -> r.exitStatus();
      case TIMED_OUT -> TIMED_OUT;
      case INTERRUPTED -> INTERRUPTED;
      case NOT_STARTED -> CANNOT_START;
    };
  }
}
