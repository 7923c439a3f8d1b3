/**
 * The init flows on the command line: {@code disinto protect …} (lib/branch-protection.sh),
 * {@code disinto ops setup|migrate} (lib/ops-setup.sh) and {@code disinto hire …}
 * (lib/hire-agent.sh).
 */
package ai.disinto.examples.cli.setup;
