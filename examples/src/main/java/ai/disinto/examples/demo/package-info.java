/**
 * The demo factory cycle: a backlog on a (mock) Forgejo worked off end to end by the library's
 * issue and PR lifecycles, with scripted CI, review and agent actors standing in for Woodpecker,
 * the review bot and Claude. Run it with {@code disinto demo}.
 */
package ai.disinto.examples.demo;
