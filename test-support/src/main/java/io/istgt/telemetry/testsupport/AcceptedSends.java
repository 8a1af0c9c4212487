package io.istgt.telemetry.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The records a test sends, each checked to have been accepted by the broker: a refused or timed-out record
 * fails the test where it was sent, naming the record and the broker's reason, instead of as output missing
 * minutes later.
 *
 * <pre>{@code
 * AcceptedSends sends = new AcceptedSends("the crash test's input");
 * for (VolumeStatus v : input) {
 *     sends.send(producer, record(v));
 * }
 * sends.awaitAccepted();   // AssertionError: "the crash test's input: the broker refused record 17 to ..."
 * }</pre>
 *
 * <p>{@link #send} does not wait, so a test keeps the producer's batching; {@link #awaitAccepted} waits for every
 * send so far (and may be called again after more sends).
 */
public final class AcceptedSends {

    /** How long one record may take to be acknowledged: generous, for a busy 2-core machine. */
    public static final Duration ACK_BOUND = Duration.ofSeconds(60);

    private record Sent(String description, Future<RecordMetadata> ack) {
    }

    private final String what;
    private final List<Sent> pending = new ArrayList<>();
    private int count;

    /** @param what what the records are, for the failure message (e.g. "the crash test's input") */
    public AcceptedSends(String what) {
        this.what = what;
    }

    /** Sends the record and remembers its acknowledgement for {@link #awaitAccepted}. */
    public <K, V> void send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        count++;
        pending.add(new Sent(describe(count, record), producer.send(record)));
    }

    /** Sends the record and waits until the broker accepted it. */
    public static <K, V> RecordMetadata sendAndAwait(Producer<K, V> producer, ProducerRecord<K, V> record) {
        return await(describe(1, record), producer.send(record), "a record");
    }

    /**
     * Waits until the broker accepted every record sent so far.
     *
     * @return their metadata, in the order they were sent
     * @throws AssertionError naming the first record refused or not acknowledged within {@link #ACK_BOUND}
     */
    public List<RecordMetadata> awaitAccepted() {
        List<RecordMetadata> accepted = new ArrayList<>(pending.size());
        for (Sent sent : pending) {
            accepted.add(await(sent.description(), sent.ack(), what));
        }
        pending.clear();
        return accepted;
    }

    private static RecordMetadata await(String description, Future<RecordMetadata> ack, String what) {
        try {
            return ack.get(ACK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + ": the broker refused " + description + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": " + description + " was not acknowledged within " + ACK_BOUND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted while waiting for " + description, e);
        }
    }

    private static String describe(int number, ProducerRecord<?, ?> record) {
        String dated = record.timestamp() == null ? "the producer's time"
                : Instant.ofEpochMilli(record.timestamp()) + " (" + Duration.ofMillis(System.currentTimeMillis()
                        - record.timestamp()).toSeconds() + " s before now)";
        return "record " + number + " to " + record.topic() + " (key " + record.key() + ", dated " + dated + ")";
    }
}
