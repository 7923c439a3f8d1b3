package ai.disinto.ci.woodpecker;

import java.util.Objects;

/**
 * One line of a step's log ({@code model.LogEntry}), its {@code data} decoded. On the wire
 * {@code data} is base64 (Go's {@code []byte}); it is decoded to bytes and read as UTF-8, malformed
 * bytes replaced by U+FFFD. Data that is not base64 is kept as the text it was sent as. {@link
 * #decoding()} says which happened. Lines carry no trailing newline.
 *
 * @param id the entry's id
 * @param stepId the step's database id
 * @param line the line number within the step, from 0
 * @param time seconds since the step started
 * @param type 0 stdout, 1 stderr, 2 exit code, 3 metadata, 4 progress
 * @param text the decoded line
 * @param decoding how {@code text} was obtained from {@code data}
 */
public record LogEntry(long id, long stepId, int line, long time, int type, String text,
    Decoding decoding) {

  /** How the wire's {@code data} became {@link #text()}. */
  public enum Decoding {
    /** Valid base64 of valid UTF-8. */
    DECODED,
    /** Valid base64, but not valid UTF-8: malformed bytes became U+FFFD. */
    MALFORMED_UTF8_REPLACED,
    /** Not base64: the text is the data as sent. */
    NOT_BASE64
  }

  /** Checks the values. */
  public LogEntry {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(decoding, "decoding");
  }
}
