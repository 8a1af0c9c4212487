package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed fields of one JSON object of a reply, over Jackson's tree. istgt writes unsigned 64-bit counters as strings
 * of digits and a few fields as numbers, and older builds wrote everything as strings: every numeric field accepts
 * both. A missing or null field is absent (null), never zero.
 */
final class Fields {

    /** Reads one object's fields into a result. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Fields fields) throws MalformedReplyException;
    }

    private final ObjectNode object;
    private final String where;

    /** @param where the command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages */
    private Fields(ObjectNode object, String where) {
        this.object = object;
        this.where = where;
    }

    /**
     * Reads the JSON object of {@code payload} with {@code reader}.
     *
     * @param where the command (and line) of the payload, for messages, e.g. {@code IOSTATS line 2}
     */
    static <T> T read(String where, String payload, Reader<T> reader) throws MalformedReplyException {
        return reader.read(new Fields(JsonPayload.object(where, payload), where));
    }

    /** The command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages. */
    String where() {
        return where;
    }

    boolean has(String field) {
        JsonNode v = object.get(field);
        return v != null && !v.isNull();
    }

    /** A non-negative integer up to 2^63-1, from a number or a string of digits; null when absent. */
    Long counter(String field) throws MalformedReplyException {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : toCounter(v, field);
    }

    private long toCounter(JsonNode v, String shownAs) throws MalformedReplyException {
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong() && v.longValue() >= 0) {
                return v.longValue();
            }
            throw wrongType(shownAs, v, "a non-negative whole number up to 2^63-1");
        }
        if (!v.isTextual()) {
            throw wrongType(shownAs, v, "a number or a string of digits");
        }
        // Every poll reads about 200 counters, most of them strings of digits: checked in a loop, not a stream.
        String digits = v.textValue().strip();
        if (digits.isEmpty() || digits.length() > 19 || !allDigits(digits)) {
            throw wrongType(shownAs, v, "a non-negative whole number up to 2^63-1");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw wrongType(shownAs, v, "a non-negative whole number up to 2^63-1");
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
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || v.isNumber()) {
            return v.asText();
        }
        throw wrongType(field, v, "a string");
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
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!(v instanceof ArrayNode array)) {
            throw wrongType(field, v, "an array");
        }
        List<Fields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode element)) {
                throw wrongType(field + "[" + i + "]", array.get(i), "an object");
            }
            out.add(new Fields(element, where + " " + field + "[" + i + "]"));
        }
        return out;
    }

    /** An array of counters; null when absent. */
    List<Long> counters(String field) throws MalformedReplyException {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v instanceof ArrayNode array)) {
            throw wrongType(field, v, "an array");
        }
        List<Long> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(toCounter(array.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    /** A nested object; null when absent. */
    Fields object(String field) throws MalformedReplyException {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v instanceof ObjectNode nested)) {
            throw wrongType(field, v, "an object");
        }
        return new Fields(nested, where + " " + field);
    }

    Integer port(String field) throws MalformedReplyException {
        Long value = counter(field);
        if (value != null && value > 65535) {
            throw wrongType(field, object.get(field), "a port number 0..65535");
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

    private MalformedReplyException wrongType(String field, JsonNode value, String expected) {
        String shown = value.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return MalformedReplyException.malformed(where + ": field '" + field + "' must be " + expected + ", got " + shown);
    }
}
