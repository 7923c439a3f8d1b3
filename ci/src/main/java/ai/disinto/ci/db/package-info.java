/**
 * The Woodpecker database on PostgreSQL ({@code wpdb} of lib/env.sh): {@link
 * ai.disinto.ci.db.WoodpeckerDb} queries it over JDBC with parameterised statements, {@link
 * ai.disinto.ci.db.DbSettings} holds the connection settings with the original's defaults, and
 * {@link ai.disinto.ci.db.Psql} runs the {@code psql} client as the original did. A legacy path:
 * the standard stack runs Woodpecker on SQLite (see {@code ci.logs}), and the REST API is the
 * database-agnostic way to ask Woodpecker anything.
 */
package ai.disinto.ci.db;
