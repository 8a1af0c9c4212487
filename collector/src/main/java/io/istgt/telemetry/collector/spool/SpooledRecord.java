package io.istgt.telemetry.collector.spool;

import io.istgt.telemetry.collector.publish.RecordStream;
import java.util.Objects;

/**
 * One Kafka record as the spool keeps it: its stream, and its key and value in Avro binary, each with the
 * CRC-64-AVRO fingerprint of the schema it was written with. No schema registry id: the registry may be down
 * while the record is spooled, and ids are only known once it answers.
 */
public record SpooledRecord(RecordStream stream, long keySchema, byte[] key, long valueSchema, byte[] value) {

    public SpooledRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    int encodedSize() {
        return 1 + 8 + 4 + key.length + 8 + 4 + value.length;
    }
}
