package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.protocol.ControlCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One poll's replies, each parsed as it is handed over, then merged into a snapshot: the one door from the
 * client's connection-side classes to the parsers and the merge, which stay inside this package. Not thread-safe;
 * one per poll.
 */
public final class PollParser {

    private final String istgtVersion;
    private IstgtStatusReply istgtStatus;
    private List<IostatsVolume> iostats;
    private List<ReplicaVolume> replica;
    private StatusReply status;
    private StatsReply stats;
    private List<IscsiSession> info;
    private Map<ReplicaId, MempoolUsage> mempool;
    private Long maxIoWait;

    /** @param istgtVersion istgt's version from the greeting, as the snapshot reports it */
    public PollParser(String istgtVersion) {
        this.istgtVersion = istgtVersion;
    }

    /**
     * Parses the data-line payloads of {@code command}'s reply and keeps what they say for {@link #snapshot}.
     *
     * @throws MalformedReplyException when the payloads are not what istgt sends for {@code command}
     * @throws IllegalArgumentException for a command that adds nothing to a snapshot
     */
    public void parse(ControlCommand command, List<String> payloads) throws MalformedReplyException {
        switch (command) {
            case ISTGTSTATUS -> istgtStatus = IstgtStatusParser.parse(payloads);
            case IOSTATS -> iostats = IostatsParser.parse(payloads);
            case REPLICA -> replica = ReplicaParser.parse(payloads);
            case STATUS -> status = TextParsers.status(payloads);
            case STATS -> stats = StatsParser.parse(payloads);
            case INFO -> info = InfoParser.parse(payloads);
            case MEMPOOL -> mempool = MempoolParser.parse(payloads);
            case MAXIOWAIT -> maxIoWait = TextParsers.maxIoWait(payloads);
            default -> throw new IllegalArgumentException(command + " adds nothing to a snapshot");
        }
    }

    /**
     * The replies parsed so far merged into one snapshot (see {@link SnapshotAssembler}); a command not parsed
     * leaves its values absent, except IOSTATS, which every snapshot needs.
     *
     * @param warnings        what the poll noticed (kept first in the snapshot's warnings)
     * @param partialFailures the commands of this poll that gave nothing
     * @throws IllegalStateException when no IOSTATS reply was parsed
     */
    public IstgtSnapshot snapshot(String socketPath, Instant collectedAt, List<String> warnings,
                                  List<PartialFailure> partialFailures) {
        if (iostats == null) {
            throw new IllegalStateException("a snapshot needs the IOSTATS reply, which was not parsed");
        }
        Replies replies = new Replies(istgtVersion, istgtStatus, iostats, replica, status, stats, info, mempool,
                maxIoWait);
        return SnapshotAssembler.assemble(socketPath, collectedAt, replies, warnings, partialFailures);
    }
}
