package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads one JSON payload of a reply strictly, with Jackson's streaming parser: a whole object, nothing after it. */
final class JsonPayload {

    /**
     * istgt nests three deep; a payload nested deeper than this is refused as malformed, by Jackson, before it
     * costs a deep recursion in {@link JsonMembers#readObject}.
     */
    static final int MAX_NESTING_DEPTH = 32;

    /** Messages name the command and the position: Jackson's reference to the source would only cost. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private JsonPayload() {
    }

    /**
     * @param command the command whose reply this is, for messages
     * @param shape   the members to keep
     * @throws MalformedReplyException truncated when the JSON stops before its end, else malformed with the
     *                                 position of the first error
     */
    static JsonMembers object(String command, String payload, ObjectShape shape) throws MalformedReplyException {
        if (payload.isBlank()) {
            throw MalformedReplyException.malformed(command + " reply has no JSON payload");
        }
        try (JsonParser parser = FACTORY.createParser(payload)) {
            JsonToken first = parser.nextToken();
            JsonMembers object = first == JsonToken.START_OBJECT ? JsonMembers.readObject(parser, shape) : null;
            if (object == null) {
                parser.skipChildren();
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw MalformedReplyException.malformed(command + " JSON is malformed" + position(
                        parser.currentTokenLocation()) + ": " + after.asString() + " after the end of the "
                        + (object == null ? "value" : "object"));
            }
            if (object == null) {
                throw MalformedReplyException.malformed(command + " JSON is not an object but " + nodeType(first));
            }
            return object;
        } catch (JsonProcessingException e) {
            throw classify(command, payload, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a String failed: " + e, e);
        }
    }

    private static String nodeType(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            default -> "NULL";
        };
    }

    private static MalformedReplyException classify(String command, String payload, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getCharOffset();
        // A cut inside a literal (`tr`, `12` before a missing brace) is reported at the end, not as EOF.
        boolean atEnd = offset >= payload.stripTrailing().length();
        if (e instanceof JsonEOFException || atEnd) {
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            String hint = bytes + command.length() + 2 >= ControlProtocol.REPLY_BUFFER_BYTES - 2
                    ? " (the line reached istgt's 4096-byte limit: too many replicas for one line?)"
                    : "";
            return new MalformedReplyException(Problem.TRUNCATED_JSON, command + " JSON is truncated: it stops after "
                    + bytes + " bytes without closing" + hint + "; istgt cuts reply lines at "
                    + ControlProtocol.REPLY_BUFFER_BYTES + " bytes without a marker", e);
        }
        return new MalformedReplyException(Problem.MALFORMED_JSON, command + " JSON is malformed" + position(at) + ": "
                + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }

    private static String position(JsonLocation at) {
        return at == null || at.getCharOffset() < 0 ? "" : " at character " + (at.getCharOffset() + 1) + " (line "
                + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
