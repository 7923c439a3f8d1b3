/**
 * CI gates: implementations of the forge's {@link ai.disinto.forge.pulls.CiGate} port, which the
 * PR walk and CI polling of {@code forge.pulls} ask for the CI state of a commit.
 */
package ai.disinto.ci.gate;
