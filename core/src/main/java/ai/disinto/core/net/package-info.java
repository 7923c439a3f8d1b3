/** URL validation applied before any request leaves the factory (lib/env.sh {@code validate_url}). */
package ai.disinto.core.net;
