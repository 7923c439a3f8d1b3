/** The per-agent on/off switch ({@code lib/guard.sh}). */
package ai.disinto.core.guard;
