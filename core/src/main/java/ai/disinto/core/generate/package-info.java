/**
 * The files {@code disinto init} generates (lib/generators.sh): the factory's docker-compose file,
 * the edge proxy's Caddyfile, the staging placeholder page and a project's deploy pipelines. Each
 * is rendered in one pass from a text-block template ({@code {{name}}} placeholders, which never
 * collide with compose's own {@code ${VAR:-default}}), written to a temporary file and moved into
 * place, and never overwrites a file that exists.
 */
package ai.disinto.core.generate;
