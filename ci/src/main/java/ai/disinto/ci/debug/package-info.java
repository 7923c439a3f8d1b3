/**
 * The pipeline inspector of {@code lib/ci-debug.sh}: {@link ai.disinto.ci.debug.CiDebug} lists
 * pipelines, shows a pipeline's steps, prints a step's log and the tails of the failed steps' logs,
 * as text in the script's format, over {@link ai.disinto.ci.woodpecker.WoodpeckerClient}.
 */
package ai.disinto.ci.debug;
