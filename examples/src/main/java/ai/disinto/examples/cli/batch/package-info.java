/**
 * {@code disinto batch}: many commands through one JVM, one per line of standard input, each
 * answered with a framed reply (see {@link ai.disinto.examples.cli.batch.BatchCommand}).
 */
package ai.disinto.examples.cli.batch;
