/**
 * CI step logs read straight from Woodpecker's SQLite store: {@link
 * ai.disinto.ci.logs.CiLogReader} (lib/ci-log-reader.py), its result and its exception.
 */
package ai.disinto.ci.logs;
