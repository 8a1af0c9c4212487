package io.istgt.telemetry.collector.spool;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the drainer must remember across a restart, written atomically to {@code checkpoint.json} in the spool
 * directory before each batch of sends and when the spool runs empty.
 *
 * @param acked      every entry below this index was delivered (or dropped, and its gap recorded)
 * @param watermarks per {@code topic:partition}: an offset below every record of this spool sent after the
 *                   checkpoint; where a check of what reached Kafka starts reading
 * @param inFlight   the records handed to Kafka whose outcome was not known yet when this was written
 * @param present    records at or above {@code acked} known to be in Kafka already (not to be sent again)
 * @param gaps       per target, the polls given up whose gap notice was not delivered yet
 */
public record Checkpoint(long acked, Map<String, Long> watermarks, List<InFlight> inFlight, List<Present> present,
                         Map<String, List<Gap>> gaps) {

    public static final Checkpoint EMPTY = new Checkpoint(1, Map.of(), List.of(), List.of(), Map.of());

    public Checkpoint {
        watermarks = Map.copyOf(watermarks);
        inFlight = List.copyOf(inFlight);
        present = List.copyOf(present);
        gaps = Map.copyOf(gaps);
    }

    /**
     * A record sent and not known to be acknowledged.
     *
     * @param ordinal     the record's place in its entry
     * @param fingerprint {@link Fingerprint} of the record's topic, key and value bytes as sent
     */
    public record InFlight(long index, int ordinal, String target, long run, long sequence, String fingerprint) {
        public InFlight {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** A record found in Kafka. */
    public record Present(long index, int ordinal) {
    }

    /** Sequence numbers {@code first..last} of run {@code run} given up. */
    public record Gap(long run, long first, long last) {
        public Gap {
            if (last < first) {
                throw new IllegalArgumentException("gap " + first + ".." + last + " is empty");
            }
        }
    }
}
