package io.istgt.telemetry.client;

import io.istgt.telemetry.client.reply.MalformedReplyException;
import io.istgt.telemetry.client.reply.PollParser;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.protocol.ControlCommand;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replies captured from an istgt, turned into the snapshot a poll would make of them, without a socket: the same
 * parsers and the same merge as {@link TargetSession#poll()}. For replaying captures and for measuring the
 * parsing.
 *
 * <pre>{@code
 * IstgtSnapshot s = new CapturedPoll("/var/run/istgt_ctl_sock", Instant.now(), connection.istgtVersion(),
 *         Map.of(ControlCommand.IOSTATS, connection.request(ControlCommand.IOSTATS))).snapshot();
 * }</pre>
 *
 * @param replies the data-line payloads of each command's reply, as {@link ControlConnection#request} returns
 *                them: IOSTATS, and any of ISTGTSTATUS, REPLICA, STATUS, STATS, INFO, MEMPOOL and MAXIOWAIT (a
 *                command left out leaves its values absent)
 */
public record CapturedPoll(String socketPath, Instant collectedAt, String istgtVersion,
                           Map<ControlCommand, List<String>> replies) {

    public CapturedPoll {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(istgtVersion, "istgtVersion");
        if (!replies.containsKey(ControlCommand.IOSTATS)) {
            throw new IllegalArgumentException("a snapshot needs the IOSTATS reply; got " + replies.keySet());
        }
        // Parsed in the commands' order whatever the map's, so the same replies fail the same way.
        Map<ControlCommand, List<String>> ordered = new EnumMap<>(ControlCommand.class);
        replies.forEach((command, payloads) -> ordered.put(command, List.copyOf(payloads)));
        replies = Collections.unmodifiableMap(ordered);
    }

    /**
     * @throws IstgtControlException when a reply cannot be read ({@link
     *                               io.istgt.telemetry.client.snapshot.ErrorKind#JSON_TRUNCATED JSON_TRUNCATED},
     *                               {@code JSON_MALFORMED} or {@code PROTOCOL_ERROR}), as a poll fails on it
     * @throws IllegalArgumentException for a command that adds nothing to a snapshot
     */
    public IstgtSnapshot snapshot() throws IstgtControlException {
        PollParser parser = new PollParser(istgtVersion);
        for (Map.Entry<ControlCommand, List<String>> reply : replies.entrySet()) {
            try {
                parser.parse(reply.getKey(), reply.getValue());
            } catch (MalformedReplyException e) {
                throw IstgtControlException.malformedReply(socketPath, reply.getKey(), e);
            }
        }
        return parser.snapshot(socketPath, collectedAt, List.of(), List.of());
    }
}
