/**
 * The shared CI decisions of {@code lib/ci-helpers.sh}: {@link ai.disinto.ci.helpers.CiService}
 * (commit state, pipeline number, passed/failed, CI required for a PR, failure classification,
 * promotion, logs, the {@code priority} label), its settings and results, and {@link
 * ai.disinto.ci.helpers.WoodpeckerCiGate}, the walk-to-merge CI port built on it.
 */
package ai.disinto.ci.helpers;
