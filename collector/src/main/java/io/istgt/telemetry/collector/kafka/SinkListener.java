package io.istgt.telemetry.collector.kafka;

/** What a sink tells about deliveries, for metrics. Called from producer threads: implementations are thread-safe. */
public interface SinkListener {

    /** Kafka acknowledged a record of {@code topic}. */
    void delivered(String topic);

    /** A send of a record of {@code topic} finally failed with {@code error} (an exception's simple class name). */
    void sendFailed(String topic, String error);

    /** Records given up: {@code reason} is {@code buffer_full}, {@code rejected} or {@code shutdown}. */
    void dropped(String reason, int records);

    /** Records kept for resending now. */
    void retryBufferSize(int records);

    SinkListener NONE = new SinkListener() {
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
        public void retryBufferSize(int records) {
        }
    };
}
