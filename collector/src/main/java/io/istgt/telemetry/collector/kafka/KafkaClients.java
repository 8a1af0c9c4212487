package io.istgt.telemetry.collector.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** Where the drainer gets its Kafka clients from: a new producer per delivery session, a consumer per check. */
public interface KafkaClients {

    /** An idempotent producer of raw bytes (the records are framed already). */
    Producer<byte[], byte[]> producer();

    /** A consumer of raw bytes, with no group: the drainer assigns partitions itself. */
    Consumer<byte[], byte[]> consumer();

    /**
     * Creates or checks the topics before the first delivery of this process.
     *
     * @throws KafkaUnavailableException when Kafka does not answer
     * @throws KafkaRefusedException     when Kafka refuses the collector (ACLs, credentials)
     * @throws TopicConflictException    when a topic exists in a shape the collector cannot use
     */
    void prepareTopics() throws KafkaUnavailableException, KafkaRefusedException, TopicConflictException,
            InterruptedException;

    /** Who the clients are to Kafka (a SASL user, a certificate), without secrets: named in refusals. */
    String principal();
}
