/**
 * The CI and scheduling part of {@code disinto init} (lib/ci-setup.sh): {@link
 * ai.disinto.ci.setup.CiSetup} with its settings {@link ai.disinto.ci.setup.CiSetupSettings}, the
 * ports {@link ai.disinto.ci.setup.Crontab} and {@link ai.disinto.ci.setup.CronPrompt}, and the
 * results {@link ai.disinto.ci.setup.CronResult}, {@link ai.disinto.ci.setup.OAuthAppResult},
 * {@link ai.disinto.ci.setup.TokenResult} and {@link ai.disinto.ci.setup.ActivationResult}.
 *
 * <p>It follows {@link ai.disinto.forge.setup.ForgeSetup}: the admin password of its result logs
 * Woodpecker in through the forge, and the {@code .env} both write is the same {@link
 * ai.disinto.forge.setup.EnvFile}.
 */
package ai.disinto.ci.setup;
