/**
 * The forge module: the Forgejo API client ({@code forge.client}) and the flows built on it, one
 * package per file of the original {@code lib/}: {@code forge.issues} (issue-lifecycle.sh,
 * tea-helpers.sh), {@code forge.pulls} (pr-lifecycle.sh), {@code forge.protection}
 * (branch-protection.sh), {@code forge.setup} (forge-setup.sh), {@code forge.ops} (ops-setup.sh) and
 * {@code forge.hire} (hire-agent.sh). See {@code docs/lib-map.md} for what is built so far.
 */
package ai.disinto.forge;
