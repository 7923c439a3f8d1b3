/**
 * The Forgejo API client every forge call goes through: {@link ai.disinto.forge.client.ForgeClient}
 * (lib/env.sh {@code forge_api} and {@code forge_api_all}), its authentication, retry policy, the
 * response record and the exception hierarchy rooted in {@link
 * ai.disinto.forge.client.ForgeException}. Typed resources live in {@code forge.client.model}.
 */
package ai.disinto.forge.client;
