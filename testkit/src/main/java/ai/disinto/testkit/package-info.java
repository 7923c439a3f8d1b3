/**
 * Test doubles that behave like the real servers: a stateful mock Forgejo and mock Woodpecker with
 * fault injection and a request journal, and a fake {@code claude} executable.
 */
package ai.disinto.testkit;
