package io.istgt.telemetry.demo;

/**
 * The collector as the demo runs it: polls every emulated istgt and publishes to the status topics until
 * closed. {@link #published()} counts the records acknowledged by Kafka.
 */
interface CollectorStage extends AutoCloseable {

    /** Records Kafka acknowledged so far. */
    long published();

    /** Polls that failed so far (istgt restarting, a fault). */
    long failedPolls();

    @Override
    void close();
}
