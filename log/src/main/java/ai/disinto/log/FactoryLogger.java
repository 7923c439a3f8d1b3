package ai.disinto.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One SLF4J logger; every event goes to the target current on the logging thread. */
final class FactoryLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  FactoryLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return FactoryLogging.current().isEnabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return FactoryLogging.current().isEnabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return FactoryLogging.current().isEnabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return FactoryLogging.current().isEnabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return FactoryLogging.current().isEnabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    LogTarget target = FactoryLogging.current();
    if (!target.isEnabled(level)) {
      return;
    }
    target.write(render(messagePattern, arguments, throwable));
    if (throwable != null && target.isEnabled(Level.DEBUG)) {
      StringWriter trace = new StringWriter();
      throwable.printStackTrace(new PrintWriter(trace));
      target.writeRaw(trace.toString().stripTrailing());
    }
  }

  /** The message with its arguments in place, and a one-line summary of the throwable if any. */
  static String render(String pattern, Object[] arguments, Throwable throwable) {
    String message = arguments == null || arguments.length == 0
        ? String.valueOf(pattern)
        : MessageFormatter.basicArrayFormat(pattern, arguments);
    if (throwable == null) {
      return message;
    }
    String detail = throwable.getMessage();
    String summary = throwable.getClass().getSimpleName()
        + (detail == null || detail.isEmpty() ? "" : ": " + detail.replace('\n', ' '));
    return message + " (" + summary + ")";
  }
}
