package ai.disinto.forge.pulls;

import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import java.util.ArrayList;
import java.util.List;

/** Writes down every wait event as {@code "SUBJECT WAITED/LIMIT"} (seconds) or {@code "end"}. */
final class RecordingWaitListener implements WaitListener {
  final List<String> heard = new ArrayList<>();

  @Override
  public void waiting(WaitProgress p) {
    heard.add(p.subject() + " " + p.waited().toSeconds() + "/" + p.limit().toSeconds());
  }

  @Override
  public void waitEnded() {
    heard.add("end");
  }
}
