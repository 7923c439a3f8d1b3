/**
 * The stateful mock Forgejo: {@link ai.disinto.testkit.forgejo.MockForgejo} (in-process server,
 * seeding, journal, faults, push hook, admin CLI) and
 * {@link ai.disinto.testkit.forgejo.MockForgejoExtension} for JUnit 5. Its routes, status codes
 * and JSON shapes follow Forgejo 11's published API description (shared/reference), checked by a
 * contract test; its semantics follow the "Mock semantics checklist" of spec/forge.md.
 */
package ai.disinto.testkit.forgejo;
