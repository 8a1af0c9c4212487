package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import java.util.List;

/**
 * Typed fields of one JSON object of a reply. istgt writes unsigned 64-bit counters as strings of digits and
 * a few fields as numbers, and older builds wrote everything as strings: every numeric field accepts both.
 * A missing or null field is absent (null), never zero.
 *
 * <p>Each line is first read by {@link FlatFields} (one pass, no tree, the shape istgt writes); a line outside
 * that shape, or a value it will not judge (a wrong type, an odd number), is read again by {@link TreeFields}
 * over Jackson's tree, which decides every value and error exactly as before. The parsers are written once
 * against this class and run on either.
 */
abstract sealed class Fields permits FlatFields, TreeFields {

    /** Reads one object's fields into a result; run once or, when the fast reading gives up, twice. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Fields fields) throws MalformedReplyException;
    }

    /**
     * Reads the JSON object of {@code payload} with {@code reader}.
     *
     * @param where the command (and line) of the payload, for messages, e.g. {@code IOSTATS line 2}
     */
    static <T> T read(String where, String payload, Reader<T> reader) throws MalformedReplyException {
        FlatJson flat = FlatJson.parse(payload);
        if (flat != null) {
            try {
                return reader.read(new FlatFields(flat, where));
            } catch (FlatFields.Undecided e) {
                // A value the fast reading leaves to the tree, which also words the error, if any.
            } finally {
                // The reader's result holds copies (Strings, numbers), never the parse: its arrays can serve the
                // next line.
                flat.release();
            }
        }
        return reader.read(new TreeFields(JsonPayload.object(where, payload), where));
    }

    /** The command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages. */
    abstract String where();

    abstract boolean has(String field);

    /** A non-negative integer up to 2^63-1, from a number or a string of digits; null when absent. */
    abstract Long counter(String field) throws MalformedReplyException;

    /** Text, or a number's text; null when absent. */
    abstract String text(String field) throws MalformedReplyException;

    /** The objects of an array field; empty when absent. */
    abstract List<Fields> objects(String field) throws MalformedReplyException;

    /** An array of counters; null when absent. */
    abstract List<Long> counters(String field) throws MalformedReplyException;

    /** A nested object; null when absent. */
    abstract Fields object(String field) throws MalformedReplyException;

    /** The error for a present value that is not what {@code expected} says. */
    abstract MalformedReplyException wrongValue(String field, String expected);

    Long requiredCounter(String field) throws MalformedReplyException {
        Long value = counter(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    Integer port(String field) throws MalformedReplyException {
        Long value = counter(field);
        if (value != null && value > 65535) {
            throw wrongValue(field, "a port number 0..65535");
        }
        return value == null ? null : value.intValue();
    }

    /** A "1"/"0" flag: null when absent, true for any non-zero number. */
    Boolean flag(String field) throws MalformedReplyException {
        Long value = counter(field);
        return value == null ? null : value != 0;
    }

    String requiredText(String field) throws MalformedReplyException {
        String value = text(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** An unsigned 64-bit replica id, from a string or a number; required. */
    ReplicaId replicaId(String field) throws MalformedReplyException {
        String text = requiredText(field).strip();
        try {
            return ReplicaId.of(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException(Problem.MALFORMED_JSON, where() + ": field '" + field + "' "
                    + e.getMessage(), e);
        }
    }

    /** Three counters for read, write and sync: null when all three are absent. */
    ReadWriteSync readWriteSync(String readField, String writeField, String syncField) throws MalformedReplyException {
        Long read = counter(readField);
        Long write = counter(writeField);
        Long sync = counter(syncField);
        return read == null && write == null && sync == null ? null : new ReadWriteSync(read, write, sync);
    }

    MalformedReplyException missing(String field) {
        return MalformedReplyException.malformed(where() + ": required field '" + field + "' is missing");
    }
}
