/**
 * Mirror pushes (lib/mirrors.sh): {@link ai.disinto.git.mirrors.MirrorPusher} pushes the primary
 * branch and tags to every configured mirror, concurrently and each within a bounded time.
 */
package ai.disinto.git.mirrors;
