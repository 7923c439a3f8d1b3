/** JMH benchmarks of the library and side-by-side runs against the original shell. */
package ai.disinto.bench;
