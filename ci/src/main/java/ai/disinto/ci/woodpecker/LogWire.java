package ai.disinto.ci.woodpecker;

import com.squareup.moshi.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A log entry as it arrives, before its {@code data} is decoded. */
record LogWire(long id, @Json(name = "step_id") long stepId, int line, long time, int type,
    Object data) {

  LogEntry decode() {
    if (data == null) {
      return entry("", LogEntry.Decoding.DECODED);
    }
    byte[] bytes;
    if (data instanceof List<?> list) {
      // Not what Go sends, but a byte array written as numbers is still the bytes.
      bytes = new byte[list.size()];
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Number n)) {
          return entry(String.valueOf(data), LogEntry.Decoding.NOT_BASE64);
        }
        bytes[i] = (byte) n.intValue();
      }
    } else {
      String s = data.toString();
      try {
        bytes = Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        return entry(s, LogEntry.Decoding.NOT_BASE64);
      }
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return entry(text, LogEntry.Decoding.DECODED);
    } catch (CharacterCodingException e) {
      return entry(new String(bytes, StandardCharsets.UTF_8),
          LogEntry.Decoding.MALFORMED_UTF8_REPLACED);
    }
  }

  private LogEntry entry(String text, LogEntry.Decoding how) {
    return new LogEntry(id, stepId, line, time, type, text, how);
  }
}
