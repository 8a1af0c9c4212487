package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Fields} over Jackson's tree: reads any JSON, and words every error. Used for the lines
 * {@link FlatFields} leaves to it.
 */
final class TreeFields extends Fields {

    private final ObjectNode object;
    private final String where;

    /** @param where the command and path of this object, e.g. {@code IOSTATS Replicas[1]}, for messages */
    TreeFields(ObjectNode object, String where) {
        this.object = object;
        this.where = where;
    }

    @Override
    String where() {
        return where;
    }

    @Override
    boolean has(String field) {
        JsonNode v = object.get(field);
        return v != null && !v.isNull();
    }

    @Override
    Long counter(String field) throws MalformedReplyException {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : toCounter(v, field);
    }

    private long toCounter(JsonNode v, String shownAs) throws MalformedReplyException {
        String digits;
        if (v.isIntegralNumber()) {
            digits = v.bigIntegerValue().toString();
        } else if (v.isTextual()) {
            digits = v.textValue().strip();
        } else {
            throw wrongType(shownAs, v, "a number or a string of digits");
        }
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw wrongType(shownAs, v, "a non-negative whole number up to 2^63-1");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw wrongType(shownAs, v, "a non-negative whole number up to 2^63-1");
        }
    }

    @Override
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

    @Override
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
            out.add(new TreeFields(element, where + " " + field + "[" + i + "]"));
        }
        return out;
    }

    @Override
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

    @Override
    Fields object(String field) throws MalformedReplyException {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!(v instanceof ObjectNode nested)) {
            throw wrongType(field, v, "an object");
        }
        return new TreeFields(nested, where + " " + field);
    }

    @Override
    MalformedReplyException wrongValue(String field, String expected) {
        return wrongType(field, object.get(field), expected);
    }

    private MalformedReplyException wrongType(String field, JsonNode value, String expected) {
        String shown = value.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return MalformedReplyException.malformed(where + ": field '" + field + "' must be " + expected + ", got " + shown);
    }
}
