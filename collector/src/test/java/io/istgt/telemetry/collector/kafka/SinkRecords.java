package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.List;

/** Small valid records for sink tests. */
final class SinkRecords {

    static final Instant AT = Instant.parse("2026-11-23T20:40:00Z");

    private SinkRecords() {
    }

    static CollectionMetadata metadata(String target, long sequence) {
        return CollectionMetadata.newBuilder().setCollectedAt(AT.plusSeconds(sequence)).setTarget(target)
                .setCollectorId("node-a").setCollectorStartedAt(AT).setCommandSet(CommandSet.STOCK).setSequence(sequence)
                .setPollDurationMs(5L).build();
    }

    static OutboundRecord.Volume volume(String target, long sequence) {
        return new OutboundRecord.Volume(new VolumeKey(target), VolumeStatus.newBuilder()
                .setMetadata(metadata(target, sequence))
                .setIqn(target)
                .setFailure(new PollFailure(PollFailureKind.UNREACHABLE, "no socket", null, null,
                        FailureKeySource.TARGET_NAME, 1, null))
                .build());
    }

    static OutboundRecord.Replica replica(String target, long sequence) {
        return new OutboundRecord.Replica(new ReplicaKey("iqn.x", "6161"), ReplicaStatus.newBuilder()
                .setMetadata(metadata(target, sequence)).setIqn("iqn.x").setReplicaId("6161").setConnected(false)
                .build());
    }

    static PollRecords poll(String target, long sequence) {
        return new PollRecords(List.of(volume(target, sequence)), List.of(replica(target, sequence)));
    }
}
