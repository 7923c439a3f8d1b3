/**
 * The demo factory: a backlog on a mock Forgejo with real git, worked off by the library's
 * {@link ai.disinto.examples.demo.FactoryCycle} with a mock Woodpecker really running the project's
 * pipeline and the real Claude Code CLI driven by a scripted model. Run it with {@code disinto
 * demo}.
 */
package ai.disinto.examples.demo;
