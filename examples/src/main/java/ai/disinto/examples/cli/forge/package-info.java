/**
 * {@code disinto forge ...}: the forge subcommands ({@code api} and {@code api-all} for lib/env.sh
 * {@code forge_api} and {@code forge_api_all}).
 */
package ai.disinto.examples.cli.forge;
