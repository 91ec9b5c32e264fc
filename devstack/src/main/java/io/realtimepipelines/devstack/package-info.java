/** Local Kafka and Redis servers for the dev stack, benchmarks and tests; loopback only. */
package io.realtimepipelines.devstack;
