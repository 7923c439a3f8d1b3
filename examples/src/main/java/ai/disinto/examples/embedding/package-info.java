/**
 * Using disinto from another Java tool: {@link ai.disinto.examples.embedding.OneIssueFactory}
 * works one issue from claim to merge through the library alone, no {@code disinto} command
 * involved. docs/embedding.md walks through it.
 */
package ai.disinto.examples.embedding;
