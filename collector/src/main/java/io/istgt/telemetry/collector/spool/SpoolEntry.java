package io.istgt.telemetry.collector.spool;

import java.util.List;
import java.util.Objects;

/**
 * One poll of one target as the spool keeps it: the unit that is appended, read, delivered and dropped whole.
 *
 * @param index             position in the spool, from 1, one more for every entry appended
 * @param target            the target as the collector names it
 * @param runStartedAtMillis the collector run that made the poll ({@code metadata.collectorStartedAt})
 * @param sequence          the poll's {@code metadata.sequence} in that run
 * @param collectedAtMillis when the poll started (the Kafka records' timestamp)
 */
public record SpoolEntry(long index, String target, long runStartedAtMillis, long sequence, long collectedAtMillis,
                         List<SpooledRecord> records) {

    public SpoolEntry {
        Objects.requireNonNull(target, "target");
        records = List.copyOf(records);
    }

    /** Its records' bytes as the spool holds them: what a batch's byte limit counts. */
    public long recordBytes() {
        long size = 0;
        for (SpooledRecord r : records) {
            size += r.encodedSize();
        }
        return size;
    }
}
