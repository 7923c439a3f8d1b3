/**
 * Typed, immutable records of the Forgejo API resources the library reads and writes, bound by
 * Moshi through {@link ai.disinto.forge.client.ForgeClient}. Field names follow Forgejo's
 * snake_case JSON through {@code @Json(name = ...)}; fields the library does not use are left out
 * and skipped when reading. Lists are never null (absent means empty); objects that Forgejo may
 * send as {@code null} are nullable. Records holding secrets hide them in {@code toString()}.
 */
package ai.disinto.forge.client.model;
