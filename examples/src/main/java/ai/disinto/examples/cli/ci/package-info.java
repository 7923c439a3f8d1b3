/**
 * The Woodpecker CI subcommands: {@code disinto woodpecker ...} ({@code api} for lib/env.sh
 * {@code woodpecker_api}), {@code disinto ci ...} (lib/ci-helpers.sh), {@code disinto ci-logs}
 * (lib/ci-log-reader.py) and {@code disinto mock-woodpecker}.
 */
package ai.disinto.examples.cli.ci;
