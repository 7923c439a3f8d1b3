/**
 * The factory configuration: {@link ai.disinto.core.config.EnvLoader} turns the process
 * environment, {@code FACTORY_ROOT/.env} (or {@code .env.enc} through SOPS) and the project TOML
 * into an immutable {@link ai.disinto.core.config.FactoryEnv}, with the precedence of
 * {@code lib/env.sh} and {@code lib/load-project.sh}. Secret files are parsed as data, never
 * executed.
 */
package ai.disinto.core.config;
