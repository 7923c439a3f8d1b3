/**
 * A real PostgreSQL server for tests: {@link ai.disinto.testkit.postgres.PostgresServer} runs the
 * machine's own server binaries ({@code initdb}, {@code pg_ctl}) in a temporary folder on a free
 * loopback port, and {@link ai.disinto.testkit.postgres.PostgresExtension} hands one to JUnit tests.
 */
package ai.disinto.testkit.postgres;
