/**
 * A stateful mock of the Woodpecker CI API ({@link ai.disinto.testkit.woodpecker.MockWoodpecker})
 * for tests, with a request journal, seeding and fault injection, and its JUnit 5 extension.
 */
package ai.disinto.testkit.woodpecker;
