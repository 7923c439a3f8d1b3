/** Small HTTP helpers shared by the testkit's mock servers. */
package ai.disinto.testkit.http;
