/**
 * The init flows on the forge side: branch protection on Forgejo's {@code /branch_protections}
 * routes ({@link ai.disinto.forge.setup.BranchProtection}), the ops repository and its seeded
 * tree ({@link ai.disinto.forge.setup.OpsSetup}), and hiring an agent ({@link
 * ai.disinto.forge.setup.HireAgent}). Each flow is idempotent: a second run only reads.
 */
package ai.disinto.forge.setup;
