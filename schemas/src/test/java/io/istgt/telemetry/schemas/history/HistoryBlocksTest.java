package io.istgt.telemetry.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class HistoryBlocksTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void aVolumesRunOfPollsComesBackAsSentThroughTheRegistrysWireFormat() {
        List<VolumeStatus> polls = volumePolls(60);

        VolumeStatusBlock block = HistoryBlocks.volumeBlock(polls);
        VolumeStatusBlock read = roundTrip("istgt.volume.history", VolumeStatusBlock.class, block);

        assertThat(read.getFirstCollectedAt()).isEqualTo(polls.getFirst().getMetadata().getCollectedAt());
        assertThat(read.getLastCollectedAt()).isEqualTo(polls.getLast().getMetadata().getCollectedAt());
        assertThat(HistoryBlocks.volumes(read)).isEqualTo(polls);
        // the input records are left as they were
        assertThat(polls).isEqualTo(volumePolls(60));
    }

    @Test
    void laterRecordsHoldDifferencesSoTheBlockIsSmallerThanTheRecords() {
        List<VolumeStatus> polls = volumePolls(60);
        VolumeStatusBlock block = HistoryBlocks.volumeBlock(polls);

        VolumeStatus second = block.getRecords().get(1);
        assertThat(second.getMetadata().getSequence()).isEqualTo(1);
        assertThat(second.getMetadata().getCollectedAt().toEpochMilli()).isEqualTo(1_000);
        assertThat(second.getIoTotals().getReadCommands()).isEqualTo(37);
        assertThat(second.getIqn()).isEqualTo(Samples.IQN);

        // What the broker stores: the topic's zstd over the plain records of one batch, or over one block.
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        for (VolumeStatus poll : polls) {
            plain.writeBytes(serialize("istgt.volume.status", poll));
        }
        int plainZstd = Zstd.compress(plain.toByteArray(), 3).length;
        int blockZstd = Zstd.compress(serialize("istgt.volume.history", block), 3).length;
        assertThat(blockZstd).as("a block of 60 at zstd -3 vs the 60 records at zstd -3 (%s bytes)", plainZstd)
                .isLessThan(plainZstd * 2 / 3);
    }

    @Test
    void replicasThatDisconnectAndComeBackKeepEveryField() {
        List<ReplicaStatus> polls = new ArrayList<>();
        ReplicaStatus connected = Samples.connectedReplica("6161");
        for (int i = 0; i < 12; i++) {
            // connected, then gone for a while (null live fields), then back with counters that restarted
            ReplicaStatus base = i >= 4 && i < 7 ? Samples.disconnectedReplica() : connected;
            long io = i < 7 ? 1000 + 13L * i : 5 + i;
            polls.add(ReplicaStatus.newBuilder(base)
                    .setReplicaId("6161")
                    .setMetadata(metadataOf(base.getMetadata(), i))
                    .setCheckpointedIoSeq(base.getConnected() ? io : null)
                    .build());
        }

        ReplicaStatusBlock read = roundTrip("istgt.replica.history", ReplicaStatusBlock.class,
                HistoryBlocks.replicaBlock(polls));

        assertThat(HistoryBlocks.replicas(read)).isEqualTo(polls);
    }

    @Test
    void aBlockOfAnEncodingThisBuildDoesNotKnowIsRefusedNotGuessed() {
        VolumeStatusBlock newer = VolumeStatusBlock.newBuilder(HistoryBlocks.volumeBlock(volumePolls(3)))
                .setEncoding(io.istgt.telemetry.schemas.BlockEncoding.UNKNOWN).build();

        assertThatThrownBy(() -> HistoryBlocks.volumes(newer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer history writer");
    }

    @Test
    void anEmptyBlockIsRefused() {
        assertThatThrownBy(() -> HistoryBlocks.volumeBlock(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one record");
    }

    /**
     * Polls a second apart whose counters grow, with what changes shape on the way: a failed poll in the middle
     * (most groups null), a replica joining (lists of another length), a counter going back (istgt restarted).
     */
    static List<VolumeStatus> volumePolls(int count) {
        VolumeStatus healthy = Samples.healthyDeepVolume();
        List<VolumeStatus> polls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i == 20) {
                polls.add(VolumeStatus.newBuilder(Samples.unreachableVolume())
                        .setMetadata(metadataOf(healthy.getMetadata(), i)).build());
                continue;
            }
            long restarted = i >= 40 ? 9_000 : 0;
            IoTotals io = IoTotals.newBuilder(healthy.getIoTotals())
                    .setReadCommands(healthy.getIoTotals().getReadCommands() + 37L * i - restarted)
                    .setReadBytes(healthy.getIoTotals().getReadBytes() + 4096L * 37 * i)
                    .build();
            TargetInfo target = TargetInfo.newBuilder(healthy.getTarget())
                    .setUpTimeSeconds(i >= 40 ? i - 40 : 75 + i).build();
            ReplicaCounts replicas = i >= 30 ? ReplicaCounts.newBuilder(healthy.getReplicaCounts())
                    .setHealthy(3).setConnectedReplicaIds(List.of("6161", "6162", "6163", "6164")).build()
                    : healthy.getReplicaCounts();
            polls.add(VolumeStatus.newBuilder(healthy)
                    .setMetadata(metadataOf(healthy.getMetadata(), i))
                    .setIoTotals(io).setTarget(target).setReplicaCounts(replicas)
                    .build());
        }
        return polls;
    }

    private static CollectionMetadata metadataOf(CollectionMetadata like, int i) {
        return CollectionMetadata.newBuilder(like)
                .setCollectedAt(Samples.COLLECTED_AT.plusSeconds(i))
                .setSequence(100 + i)
                .setPollDurationMs(10L + i % 3)
                .build();
    }

    private <T extends SpecificRecord> T roundTrip(String topic, Class<T> type, T record) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry, type);
        deserializer.configure(Map.of(), false);
        return deserializer.deserialize(topic, serialize(topic, record));
    }

    private <T extends SpecificRecord> byte[] serialize(String topic, T record) {
        AvroSerializer<T> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of(), false);
        return serializer.serialize(topic, record);
    }
}
