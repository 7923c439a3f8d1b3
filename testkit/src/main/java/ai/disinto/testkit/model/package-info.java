/**
 * A stand-in for the Anthropic Messages API ({@link ai.disinto.testkit.model.ScriptedModel}) that
 * plays scripted turns to the real Claude Code CLI, the locator of that CLI ({@link
 * ai.disinto.testkit.model.ClaudeCode}), and a fake {@code claude} ({@link
 * ai.disinto.testkit.model.FakeClaude}) for hangs, ignored signals and crashes.
 */
package ai.disinto.testkit.model;
