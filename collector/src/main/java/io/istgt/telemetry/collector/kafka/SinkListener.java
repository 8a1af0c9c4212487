package io.istgt.telemetry.collector.kafka;

/** What a sink tells about its records, for metrics. Called from several threads: implementations are thread-safe. */
public interface SinkListener {

    /** {@code records} records of a poll were written to the spool. */
    void spooled(int records);

    /** Kafka acknowledged a record of {@code topic} (a record drained from the spool). */
    void delivered(String topic);

    /** A send of a record of {@code topic} failed with {@code error} (an exception's simple class name). */
    void sendFailed(String topic, String error);

    /**
     * Records given up: {@code reason} is {@code spool_full} (the spool's oldest, at its size cap),
     * {@code spool_error} (the spool could not be written) or {@code rejected} (Kafka refused the record for
     * itself: too large, invalid; refusals a setting fixes are held in the spool instead).
     */
    void dropped(String reason, int records);

    /** Records found in Kafka already when the sink checked what an interrupted delivery had sent: not sent twice. */
    void foundInKafka(int records);

    /** Torn or damaged spool entries skipped. */
    void damaged(long entries);

    /** Records waiting in the spool and the spool's size on disk, now. */
    void spoolSize(long records, long bytes);

    SinkListener NONE = new SinkListener() {
        @Override
        public void spooled(int records) {
        }

        @Override
        public void delivered(String topic) {
        }

        @Override
        public void sendFailed(String topic, String error) {
        }

        @Override
        public void dropped(String reason, int records) {
        }

        @Override
        public void foundInKafka(int records) {
        }

        @Override
        public void damaged(long entries) {
        }

        @Override
        public void spoolSize(long records, long bytes) {
        }
    };
}
