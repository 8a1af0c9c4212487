package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandFailure;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.List;

/**
 * Failed polls as records. A failed poll gives one {@code VolumeStatus} with {@code failure} set per volume the
 * target served at its last successful poll of this run, keyed by that iqn ({@code LAST_KNOWN_IQN}); when no
 * poll of this run ever succeeded, one record keyed by the target name ({@code TARGET_NAME}).
 */
final class FailureRecords {

    private FailureRecords() {
    }

    /** The schema's coarser kinds: what a consumer acts on, not how the client noticed. */
    static PollFailureKind kind(ErrorKind kind) {
        return switch (kind) {
            case NO_SOCKET, CONNECTION_REFUSED, PERMISSION_DENIED -> PollFailureKind.UNREACHABLE;
            case TIMEOUT -> PollFailureKind.TIMEOUT;
            case CONNECTION_CLOSED -> PollFailureKind.DISCONNECTED;
            case ERR_REPLY, UNSUPPORTED_COMMAND -> PollFailureKind.ERROR_REPLY;
            case LINE_TOO_LONG, NOT_ISTGT, PROTOCOL_ERROR, JSON_MALFORMED -> PollFailureKind.MALFORMED;
            // STATS cut at ten opcodes: istgt left part of its reply out, as a line cut at its 4096-byte limit.
            case JSON_TRUNCATED, INCOMPLETE_REPLY -> PollFailureKind.TRUNCATED;
            case IO_ERROR -> PollFailureKind.OTHER;
        };
    }

    static CommandFailure partial(PartialFailure p) {
        return CommandFailure.newBuilder()
                .setCommand(p.command())
                .setKind(kind(p.kind()))
                .setMessage(p.message())
                .setErrorReply(p.errorReply())
                .build();
    }

    /**
     * @param lastKnownIqns the volumes of the last successful poll of this run; empty if none succeeded
     */
    static List<OutboundRecord.Volume> failures(PollError error, CollectionMetadata metadata, List<String> lastKnownIqns,
                                                int consecutiveFailures, Instant lastSuccessAt) {
        FailureKeySource source = lastKnownIqns.isEmpty() ? FailureKeySource.TARGET_NAME : FailureKeySource.LAST_KNOWN_IQN;
        List<String> keys = lastKnownIqns.isEmpty() ? List.of(metadata.getTarget()) : lastKnownIqns;
        PollFailure failure = PollFailure.newBuilder()
                .setKind(kind(error.kind()))
                .setMessage(error.message())
                .setCommand(error.command())
                .setErrorReply(error.errorReply())
                .setKeySource(source)
                .setConsecutiveFailures(consecutiveFailures)
                .setLastSuccessAt(lastSuccessAt)
                .build();
        return keys.stream()
                .map(iqn -> new OutboundRecord.Volume(new VolumeKey(iqn), VolumeStatus.newBuilder()
                        .setMetadata(metadata)
                        .setIqn(iqn)
                        .setFailure(failure)
                        .setPartialFailures(List.of())
                        .build()))
                .toList();
    }
}
