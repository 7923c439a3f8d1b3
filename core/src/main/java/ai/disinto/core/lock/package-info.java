/**
 * The per-project stack lock (lib/stack-lock.sh): a JSON lock file under {@code $HOME/data/locks}
 * with a heartbeat, shared with the shell functions of the original.
 */
package ai.disinto.core.lock;
