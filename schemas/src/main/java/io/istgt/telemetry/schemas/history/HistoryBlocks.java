package io.istgt.telemetry.schemas.history;

import io.istgt.telemetry.schemas.BlockEncoding;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import java.util.List;

/**
 * History blocks to and from the records they hold: what the history writer writes and what the replay and any
 * data platform consumer of the history topics read. A block is consecutive records of one key; see
 * {@link SnapshotDeltas} for how all but the first are stored.
 *
 * <pre>{@code
 * for (VolumeStatus status : HistoryBlocks.volumes(block)) { ... }   // plain records, in order
 * }</pre>
 */
public final class HistoryBlocks {

    private HistoryBlocks() {
    }

    /** @param records consecutive records of one volume, at least one, in the order they were sent */
    public static VolumeStatusBlock volumeBlock(List<VolumeStatus> records) {
        requireSome(records);
        return new VolumeStatusBlock(records.getFirst().getMetadata().getCollectedAt(),
                records.getLast().getMetadata().getCollectedAt(), BlockEncoding.DELTA_TO_PREVIOUS,
                SnapshotDeltas.encode(records));
    }

    /** @param records consecutive records of one replica, at least one, in the order they were sent */
    public static ReplicaStatusBlock replicaBlock(List<ReplicaStatus> records) {
        requireSome(records);
        return new ReplicaStatusBlock(records.getFirst().getMetadata().getCollectedAt(),
                records.getLast().getMetadata().getCollectedAt(), BlockEncoding.DELTA_TO_PREVIOUS,
                SnapshotDeltas.encode(records));
    }

    /** The block's plain records, in order. */
    public static List<VolumeStatus> volumes(VolumeStatusBlock block) {
        requireKnown(block.getEncoding());
        return SnapshotDeltas.decode(block.getRecords());
    }

    /** The block's plain records, in order. */
    public static List<ReplicaStatus> replicas(ReplicaStatusBlock block) {
        requireKnown(block.getEncoding());
        return SnapshotDeltas.decode(block.getRecords());
    }

    private static void requireSome(List<?> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a history block holds at least one record");
        }
    }

    // An encoding added later reaches an older reader as UNKNOWN (the enum's default): refuse it, never guess.
    private static void requireKnown(BlockEncoding encoding) {
        if (encoding != BlockEncoding.DELTA_TO_PREVIOUS) {
            throw new IllegalArgumentException("history block encoding " + encoding + " is not known to this build:"
                    + " the block was written by a newer history writer; read it with a newer istgt-telemetry schemas jar");
        }
    }
}
