/**
 * {@code disinto build-graph}: the drop-in for {@code python3 lib/build-graph.py}, over {@code
 * ai.disinto.agent.graph}.
 */
package ai.disinto.examples.cli.graph;
