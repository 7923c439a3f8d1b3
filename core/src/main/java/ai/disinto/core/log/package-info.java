/** The factory's log line format ({@code log} in {@code lib/env.sh}). */
package ai.disinto.core.log;
