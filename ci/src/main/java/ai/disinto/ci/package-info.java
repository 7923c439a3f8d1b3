/**
 * The ci module: the Woodpecker client ({@code ci.woodpecker}) and ci-helpers.sh, ci-debug.sh,
 * ci-log-reader.py, ci-setup.sh and the wpdb helper. See {@code docs/lib-map.md} for what is built
 * so far.
 */
package ai.disinto.ci;
