/**
 * Kafka sources and sinks for every job (Beam KafkaIO, kafka-clients 3.9): topics, client
 * properties with secrets from config providers, event-time watermarks per partition.
 */
package io.realtimepipelines.pipelines.kafka;
