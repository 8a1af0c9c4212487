package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Arrays;

/**
 * The members of one JSON object of a reply that its {@link ObjectShape} lists (or the elements of one array), as
 * Jackson's streaming parser hands them over, each found by its position in the shape.
 *
 * <p>Why not Jackson's tree: a reply is read once, field by field, and the tree's cost is what this class leaves
 * out: a hash map entry and a node for every value, the members nobody reads, and, for the ~130 counters of a poll
 * that istgt writes as strings of digits, a String each before the number is parsed. Here the syntax, the errors
 * and the nesting limit stay Jackson's; a string of digits becomes a long straight from the parser's buffer, and
 * each member lands in the slot its shape gives it (a repeated member keeps its last value, as in the tree).
 * Measured on the snapshot path (docs/benchmarks.md, benchmark 1).
 */
final class JsonMembers {

    /** What a value is; {@link #DIGITS} is a string of 1-19 digits without a leading zero, kept as its long. */
    enum Kind { NULL, DIGITS, INTEGER, TEXT, OTHER_NUMBER, BOOLEAN, OBJECT, ARRAY }

    private static final Kind[] KINDS = Kind.values();
    private static final int INITIAL_ARRAY_CAPACITY = 4;

    /** The members of an object, null for an array. */
    private final ObjectShape shape;
    /** By position: an absent member is NULL, as a null one is. */
    private byte[] kinds;
    /** The value of DIGITS and INTEGER. */
    private long[] longs;
    /** TEXT: the String; OTHER_NUMBER: its JSON text; BOOLEAN: the Boolean; OBJECT and ARRAY: the JsonMembers. */
    private Object[] refs;
    /** An array's length; an object's is its shape's. */
    private int size;

    private JsonMembers(ObjectShape shape, int capacity) {
        this.shape = shape;
        kinds = new byte[capacity];
        longs = new long[capacity];
        refs = new Object[capacity];
        size = shape == null ? 0 : capacity;
    }

    /**
     * Reads the object whose start token {@code parser} is on, up to and including its end token, keeping the
     * members {@code shape} lists.
     *
     * @throws IOException as Jackson reports bad JSON, an early end or a nesting limit
     */
    static JsonMembers readObject(JsonParser parser, ObjectShape shape) throws IOException {
        JsonMembers members = new JsonMembers(shape, shape.size());
        int next = 0;
        while (true) {
            int at;
            if (next < shape.size() && parser.nextFieldName(shape.expected(next))) {
                at = next;
            } else {
                JsonToken token = next < shape.size() ? parser.currentToken() : parser.nextToken();
                if (token == JsonToken.END_OBJECT) {
                    return members;
                }
                if (token != JsonToken.FIELD_NAME) {
                    // Jackson itself reports an end inside an object; this is the guard, not the path.
                    throw new JsonEOFException(parser, token, "Unexpected end-of-input inside an object");
                }
                at = shape.position(parser.currentName());
            }
            JsonToken value = parser.nextToken();
            if (at < 0) {
                parser.skipChildren();
            } else {
                members.put(at, value, parser, shape.nested(at));
                next = at + 1;
            }
        }
    }

    /** As {@link #readObject}, for an array: objects in it are read with {@code elements}. */
    private static JsonMembers readArray(JsonParser parser, ObjectShape elements) throws IOException {
        JsonMembers members = new JsonMembers(null, INITIAL_ARRAY_CAPACITY);
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonEOFException(parser, null, "Unexpected end-of-input inside an array");
            }
            if (members.size == members.kinds.length) {
                members.grow();
            }
            members.put(members.size++, token, parser, elements);
        }
        return members;
    }

    /** @param nested the shape of an object in this value (or of the objects in this array) */
    private void put(int at, JsonToken token, JsonParser parser, ObjectShape nested) throws IOException {
        switch (token) {
            case VALUE_STRING -> {
                long digits = digits(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (digits >= 0) {
                    set(at, Kind.DIGITS, digits, null);
                } else {
                    set(at, Kind.TEXT, 0, parser.getText());
                }
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    set(at, Kind.INTEGER, parser.getLongValue(), null);
                } else {
                    set(at, Kind.OTHER_NUMBER, 0, parser.getText());
                }
            }
            case VALUE_NUMBER_FLOAT -> set(at, Kind.OTHER_NUMBER, 0, parser.getText());
            case VALUE_TRUE -> set(at, Kind.BOOLEAN, 0, Boolean.TRUE);
            case VALUE_FALSE -> set(at, Kind.BOOLEAN, 0, Boolean.FALSE);
            case VALUE_NULL -> set(at, Kind.NULL, 0, null);
            case START_OBJECT -> set(at, Kind.OBJECT, 0, readObject(parser, nested));
            case START_ARRAY -> set(at, Kind.ARRAY, 0, readArray(parser, nested));
            default -> throw new IllegalStateException("Jackson handed over " + token + " as a value");
        }
    }

    private void set(int at, Kind kind, long number, Object ref) {
        kinds[at] = (byte) kind.ordinal();
        longs[at] = number;
        refs[at] = ref;
    }

    /** The value of 1-19 digits without a leading zero (so that its text is {@link Long#toString}), else -1. */
    private static long digits(char[] chars, int offset, int length) {
        if (length == 0 || length > 19 || (length > 1 && chars[offset] == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        // 19 digits above 2^63-1 wrap below zero: kept as text, which the counters refuse with their message.
        return value < 0 ? -1 : value;
    }

    private void grow() {
        int capacity = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, capacity);
        longs = Arrays.copyOf(longs, capacity);
        refs = Arrays.copyOf(refs, capacity);
    }

    /** The position of member {@code name} in this object's shape: see {@link ObjectShape#find}. */
    int find(String name, int previous) {
        return shape.find(name, previous);
    }

    int size() {
        return size;
    }

    Kind kind(int at) {
        return KINDS[kinds[at]];
    }

    long longValue(int at) {
        return longs[at];
    }

    String text(int at) {
        return (String) refs[at];
    }

    JsonMembers nested(int at) {
        return (JsonMembers) refs[at];
    }

    /** The value at {@code at} as JSON, for messages; an object or an array is named, not shown. */
    String json(int at) {
        return switch (kind(at)) {
            case NULL -> "null";
            case DIGITS -> "\"" + longs[at] + "\"";
            case INTEGER -> Long.toString(longs[at]);
            case TEXT -> {
                StringBuilder quoted = new StringBuilder().append('"');
                JsonStringEncoder.getInstance().quoteAsString((String) refs[at], quoted);
                yield quoted.append('"').toString();
            }
            case OTHER_NUMBER, BOOLEAN -> String.valueOf(refs[at]);
            case OBJECT -> "an object";
            case ARRAY -> "an array";
        };
    }
}
