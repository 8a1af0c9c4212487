package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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

    /**
     * Bytes, not the String: Jackson's byte parser and its interned names (hash codes computed once, then
     * cached) cost less than its char parser, the conversion included.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
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
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            JsonMembers object = first == JsonToken.START_OBJECT ? JsonMembers.readObject(parser, shape) : null;
            if (object == null) {
                parser.skipChildren();
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw MalformedReplyException.malformed(command + " JSON is malformed" + position(bytes,
                        parser.currentTokenLocation()) + ": " + after.asString() + " after the end of the "
                        + (object == null ? "value" : "object"));
            }
            if (object == null) {
                throw MalformedReplyException.malformed(command + " JSON is not an object but " + nodeType(first));
            }
            return object;
        } catch (JsonProcessingException e) {
            throw classify(command, payload, bytes, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed: " + e, e);
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

    private static MalformedReplyException classify(String command, String payload, byte[] bytes,
                                                    JsonProcessingException e) {
        String before = textBefore(bytes, e.getLocation());
        long offset = before == null ? -1 : before.length();
        // A cut inside a literal (`tr`, `12` before a missing brace) is reported at the end, not as EOF.
        boolean atEnd = offset >= payload.stripTrailing().length();
        if (e instanceof JsonEOFException || atEnd) {
            String hint = bytes.length + command.length() + 2 >= ControlProtocol.REPLY_BUFFER_BYTES - 2
                    ? " (the line reached istgt's 4096-byte limit: too many replicas for one line?)"
                    : "";
            return new MalformedReplyException(Problem.TRUNCATED_JSON, command + " JSON is truncated: it stops after "
                    + bytes.length + " bytes without closing" + hint + "; istgt cuts reply lines at "
                    + ControlProtocol.REPLY_BUFFER_BYTES + " bytes without a marker", e);
        }
        return new MalformedReplyException(Problem.MALFORMED_JSON, command + " JSON is malformed"
                + position(bytes, e.getLocation()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }

    private static String position(byte[] bytes, JsonLocation at) {
        String before = textBefore(bytes, at);
        if (before == null) {
            return "";
        }
        int lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
        return " at character " + (before.length() + 1) + " (line " + at.getLineNr() + ", column "
                + (before.length() - lineStart + 1) + ")";
    }

    /** The payload's characters before {@code at}: Jackson's byte parser counts bytes, messages count characters. */
    private static String textBefore(byte[] bytes, JsonLocation at) {
        if (at == null || at.getByteOffset() < 0) {
            return null;
        }
        return new String(bytes, 0, (int) Math.min(at.getByteOffset(), bytes.length), StandardCharsets.UTF_8);
    }
}
