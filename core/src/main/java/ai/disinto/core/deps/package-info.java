/** Dependency extraction from issue bodies (lib/parse-deps.sh). */
package ai.disinto.core.deps;
