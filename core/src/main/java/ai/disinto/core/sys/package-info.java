/** Host checks before an agent starts ({@code memory_guard} in {@code lib/env.sh}). */
package ai.disinto.core.sys;
