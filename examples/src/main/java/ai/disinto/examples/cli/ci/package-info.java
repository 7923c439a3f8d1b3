/**
 * {@code disinto woodpecker ...}: the Woodpecker CI subcommands ({@code api} for lib/env.sh
 * {@code woodpecker_api}).
 */
package ai.disinto.examples.cli.ci;
