/**
 * The Woodpecker CI client: {@link ai.disinto.ci.woodpecker.WoodpeckerClient} (the typed calls the
 * CI helpers need and the raw {@code woodpecker_api} of lib/env.sh), its record models and its
 * exceptions.
 */
package ai.disinto.ci.woodpecker;
