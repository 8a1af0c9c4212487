package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.nio.charset.StandardCharsets;

/** Reads one JSON payload of a reply line strictly: a whole object, nothing after it. */
final class JsonPayload {

    /**
     * Member names are not canonicalized: looking each up in Jackson's shared symbol table cost more than making
     * its String (of the two lines benchmark 1 reads, 10.0 against 8.5 us per pair on this project's machine).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPayload() {
    }

    /**
     * @param command the command whose reply this is, for messages
     * @throws MalformedReplyException truncated when the JSON stops before its end, else malformed with the
     *                                 position of the first error
     */
    static ObjectNode object(String command, String payload) throws MalformedReplyException {
        if (payload.isBlank()) {
            throw MalformedReplyException.malformed(command + " reply has no JSON payload");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw classify(command, payload, e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw MalformedReplyException.malformed(command + " JSON is not an object but " + node.getNodeType());
        }
        return object;
    }

    private static MalformedReplyException classify(String command, String payload, JsonProcessingException e) {
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        JsonLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getCharOffset();
        // A cut inside a literal (`tr`, `12` before a missing brace) is reported at the end, not as EOF.
        boolean atEnd = offset >= payload.stripTrailing().length();
        if (e instanceof JsonEOFException || atEnd) {
            String hint = bytes + command.length() + 2 >= ControlProtocol.REPLY_BUFFER_BYTES - 2
                    ? " (the line reached istgt's 4096-byte limit: too many replicas for one line?)"
                    : "";
            return new MalformedReplyException(Problem.TRUNCATED_JSON, command + " JSON is truncated: it stops after " + bytes
                    + " bytes without closing" + hint + "; istgt cuts reply lines at "
                    + ControlProtocol.REPLY_BUFFER_BYTES + " bytes without a marker", e);
        }
        String position = at == null ? "" : " at character " + (offset + 1) + " (line " + at.getLineNr()
                + ", column " + at.getColumnNr() + ")";
        return new MalformedReplyException(Problem.MALFORMED_JSON, command + " JSON is malformed" + position + ": "
                + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    }
}
