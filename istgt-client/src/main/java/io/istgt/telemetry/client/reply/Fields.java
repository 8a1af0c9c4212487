package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.reply.JsonMembers.Kind;
import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed fields of one JSON object of a reply, over {@link JsonMembers}. istgt writes unsigned 64-bit counters as
 * strings of digits and a few fields as numbers, and older builds wrote everything as strings: every numeric field
 * accepts both. A missing or null field is absent (null), never zero.
 */
final class Fields {

    /** Reads one object's fields into a result. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Fields fields) throws MalformedReplyException;
    }

    private static final String WHOLE_NUMBER = "a non-negative whole number up to 2^63-1";

    private final JsonMembers object;
    private final String where;
    /** The position of the member read last, -1 before the first: see {@link ObjectShape#find}. */
    private int last = -1;

    /** @param where the command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages */
    private Fields(JsonMembers object, String where) {
        this.object = object;
        this.where = where;
    }

    /**
     * Reads the members {@code shape} lists of the JSON object of {@code payload} with {@code reader}.
     *
     * @param where the command (and line) of the payload, for messages, e.g. {@code IOSTATS line 2}
     */
    static <T> T read(String where, String payload, ObjectShape shape, Reader<T> reader)
            throws MalformedReplyException {
        return reader.read(new Fields(JsonPayload.object(where, payload, shape), where));
    }

    /** The command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages. */
    String where() {
        return where;
    }

    boolean has(String field) {
        return present(field) >= 0;
    }

    /** The position of a field that is there and not null, else -1. */
    private int present(String field) {
        int at = object.find(field, last);
        last = at;
        return object.kind(at) != Kind.NULL ? at : -1;
    }

    /** A non-negative integer up to 2^63-1, from a number or a string of digits; null when absent. */
    Long counter(String field) throws MalformedReplyException {
        int at = present(field);
        return at < 0 ? null : toCounter(object, at, field);
    }

    private long toCounter(JsonMembers values, int at, String shownAs) throws MalformedReplyException {
        return switch (values.kind(at)) {
            case DIGITS -> values.longValue(at);
            case INTEGER -> {
                if (values.longValue(at) < 0) {
                    throw wrongType(shownAs, values, at, WHOLE_NUMBER);
                }
                yield values.longValue(at);
            }
            case OTHER_NUMBER -> throw wrongType(shownAs, values, at,
                    values.text(at).matches("-?[0-9]+") ? WHOLE_NUMBER : "a number or a string of digits");
            case TEXT -> digits(values, at, shownAs);
            default -> throw wrongType(shownAs, values, at, "a number or a string of digits");
        };
    }

    /** A string that is not plain digits: with spaces around, leading zeros, or not a counter at all. */
    private long digits(JsonMembers values, int at, String shownAs) throws MalformedReplyException {
        String digits = values.text(at).strip();
        if (digits.isEmpty() || digits.length() > 19 || !allDigits(digits)) {
            throw wrongType(shownAs, values, at, WHOLE_NUMBER);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw wrongType(shownAs, values, at, WHOLE_NUMBER);
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Text, or a number's text; null when absent. */
    String text(String field) throws MalformedReplyException {
        int at = present(field);
        if (at < 0) {
            return null;
        }
        return switch (object.kind(at)) {
            case TEXT, OTHER_NUMBER -> object.text(at);
            case DIGITS, INTEGER -> Long.toString(object.longValue(at));
            default -> throw wrongType(field, object, at, "a string");
        };
    }

    String requiredText(String field) throws MalformedReplyException {
        String value = text(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** The objects of an array field; empty when absent. */
    List<Fields> objects(String field) throws MalformedReplyException {
        JsonMembers array = array(field);
        if (array == null) {
            return List.of();
        }
        List<Fields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (array.kind(i) != Kind.OBJECT) {
                throw wrongType(field + "[" + i + "]", array, i, "an object");
            }
            out.add(new Fields(array.nested(i), where + " " + field + "[" + i + "]"));
        }
        return out;
    }

    /** An array of counters; null when absent. */
    List<Long> counters(String field) throws MalformedReplyException {
        JsonMembers array = array(field);
        if (array == null) {
            return null;
        }
        List<Long> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(toCounter(array, i, field + "[" + i + "]"));
        }
        return out;
    }

    private JsonMembers array(String field) throws MalformedReplyException {
        int at = present(field);
        if (at < 0) {
            return null;
        }
        if (object.kind(at) != Kind.ARRAY) {
            throw wrongType(field, object, at, "an array");
        }
        return object.nested(at);
    }

    /** A nested object; null when absent. */
    Fields object(String field) throws MalformedReplyException {
        int at = present(field);
        if (at < 0) {
            return null;
        }
        if (object.kind(at) != Kind.OBJECT) {
            throw wrongType(field, object, at, "an object");
        }
        return new Fields(object.nested(at), where + " " + field);
    }

    Integer port(String field) throws MalformedReplyException {
        Long value = counter(field);
        if (value != null && value > 65535) {
            throw wrongType(field, object, last, "a port number 0..65535");
        }
        return value == null ? null : value.intValue();
    }

    /** A "1"/"0" flag: null when absent, true for any non-zero number. */
    Boolean flag(String field) throws MalformedReplyException {
        Long value = counter(field);
        return value == null ? null : value != 0;
    }

    /** An unsigned 64-bit replica id, from a string or a number; required. */
    ReplicaId replicaId(String field) throws MalformedReplyException {
        String text = requiredText(field).strip();
        try {
            return ReplicaId.of(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException(Problem.MALFORMED_JSON, where + ": field '" + field + "' "
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
        return MalformedReplyException.malformed(where + ": required field '" + field + "' is missing");
    }

    private MalformedReplyException wrongType(String field, JsonMembers values, int at, String expected) {
        String shown = values.json(at);
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return MalformedReplyException.malformed(where + ": field '" + field + "' must be " + expected + ", got " + shown);
    }
}
