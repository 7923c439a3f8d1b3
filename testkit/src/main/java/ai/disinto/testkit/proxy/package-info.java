/** A fault-injecting HTTP proxy for tests: {@link ai.disinto.testkit.proxy.FaultProxy} resets, truncates and stalls what a mock server answers. */
package ai.disinto.testkit.proxy;
