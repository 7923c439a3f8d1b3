/**
 * The core module of disinto-java: configuration, guards, logging, secret scanning, dependency
 * parsing, the stack lock and URL validation. {@link ai.disinto.core.DisintoException} is the root
 * of every exception the library throws on purpose.
 */
package ai.disinto.core;
