/** Fake time for tests: {@link ai.disinto.testkit.time.FakeTime}, a clock that moves when its sleeper sleeps. */
package ai.disinto.testkit.time;
