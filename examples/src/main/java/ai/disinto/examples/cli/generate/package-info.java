/**
 * The generator subcommands, {@code disinto generate compose|caddyfile|staging-index|
 * deploy-pipelines|agent-docker} (lib/generators.sh), over {@code ai.disinto.core.generate}.
 */
package ai.disinto.examples.cli.generate;
