/**
 * The Forgejo API client every forge call goes through: {@link ai.disinto.forge.client.ForgeClient}
 * (lib/env.sh {@code forge_api} and {@code forge_api_all}), paths built from encoded segments
 * ({@link ai.disinto.forge.client.ForgePath}), lazy paging ({@link
 * ai.disinto.forge.client.PagedIterable}), its authentication, retry policy, the response record
 * and the exception hierarchy rooted in {@link ai.disinto.forge.client.ForgeException}: an error
 * status ({@link ai.disinto.forge.client.ForgeNotFoundException} for 404), a body that is not the
 * JSON asked for ({@link ai.disinto.forge.client.ForgeProtocolException}), no answer ({@link
 * ai.disinto.forge.client.ForgeTransportException} with its {@link
 * ai.disinto.forge.client.ForgeTransportException.Kind}), and a write that reached the forge but
 * got no answer ({@link ai.disinto.forge.client.ForgeAmbiguousWriteException}). Typed resources
 * live in {@code forge.client.model}.
 */
package ai.disinto.forge.client;
