/**
 * Secret detection and redaction for text that leaves the factory (lib/secret-scan.sh): issue
 * bodies, comments and posted diagnostics.
 */
package ai.disinto.core.secrets;
