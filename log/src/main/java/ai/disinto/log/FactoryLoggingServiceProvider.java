package ai.disinto.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Plugs this backend into SLF4J 2; found by SLF4J through {@code META-INF/services}. Not called
 * by application code.
 */
public final class FactoryLoggingServiceProvider implements SLF4JServiceProvider {
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory loggerFactory =
      name -> loggers.computeIfAbsent(name, FactoryLogger::new);
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

  /** Creates the provider; SLF4J does this once. */
  public FactoryLoggingServiceProvider() {}

  /**
   * The factory of this backend's loggers.
   *
   * @return the logger factory
   */
  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  /**
   * Markers are accepted and ignored.
   *
   * @return a basic marker factory
   */
  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  /**
   * The factory's lines carry no diagnostic context, so the MDC is a no-op.
   *
   * @return a no-op MDC adapter
   */
  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  /**
   * The SLF4J API version this backend is written against.
   *
   * @return {@code 2.0.99}
   */
  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  /** Nothing to set up. */
  @Override
  public void initialize() {}
}
