/**
 * The project knowledge graph of lib/build-graph.py on JGraphT: {@link
 * ai.disinto.agent.graph.ProjectGraphBuilder} reads the checkout (and the ops repository) and the
 * forge into a {@link ai.disinto.agent.graph.ProjectGraph}; {@link
 * ai.disinto.agent.graph.GraphAnalyzer} runs the structural analyses into a {@link
 * ai.disinto.agent.graph.GraphReport}, whose {@code toJson()} is the report the original writes.
 * The {@code disinto build-graph} command of the examples module is the drop-in for the script.
 */
package ai.disinto.agent.graph;
