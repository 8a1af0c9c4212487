package io.istgt.telemetry.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.List;

/** Picks replies apart in tests: lines, and the JSON of data lines. */
final class Replies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    /** The lines of a conversation without their CRLF. */
    static List<String> lines(String conversation) {
        return Arrays.asList(conversation.split("\r\n"));
    }

    /** The JSON of every data line of {@code command} in a conversation. */
    static List<JsonNode> json(String conversation, String command) {
        return lines(conversation).stream().filter(l -> l.startsWith(command + "  "))
                .map(l -> parse(l.substring(l.indexOf('{')))).toList();
    }

    static JsonNode single(String conversation, String command) {
        List<JsonNode> all = json(conversation, command);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + command + " line in " + conversation);
        }
        return all.get(0);
    }

    static long num(JsonNode node, String field) {
        return Long.parseUnsignedLong(node.get(field).asText());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
