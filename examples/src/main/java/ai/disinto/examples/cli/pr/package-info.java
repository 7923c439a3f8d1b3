/**
 * {@code disinto pr …}: the functions of lib/pr-lifecycle.sh as subcommands, with the same
 * argument order, return codes as exit codes, the function's stdout on stdout, log lines on
 * stderr (or {@code LOGFILE}) and the output variables as {@code NAME=value} lines with {@code
 * --vars} (see {@link ai.disinto.examples.cli.VarLines} for the quoting).
 */
package ai.disinto.examples.cli.pr;
