/**
 * The factory's logging backend for SLF4J.
 *
 * <p>The library modules log through the SLF4J API only. This module is the backend that the
 * {@code disinto} CLI puts on its class path: every event at or above the threshold of the
 * {@link ai.disinto.log.LogTarget} bound for the current invocation becomes one line in the
 * original's format ({@link ai.disinto.log.LogLine}) handed to that target's writer (standard error
 * or {@code LOGFILE}). {@link ai.disinto.log.FactoryLogging#bind} binds a target for the calling
 * thread and the threads it starts; {@link ai.disinto.log.CapturedLog} records the lines in tests.
 */
package ai.disinto.log;
