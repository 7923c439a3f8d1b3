/**
 * Child processes: {@link ai.disinto.core.process.ProcessRunner} runs one command with its own
 * environment, working directory, standard input and timeout, and returns a
 * {@link ai.disinto.core.process.ProcessResult}.
 */
package ai.disinto.core.process;
