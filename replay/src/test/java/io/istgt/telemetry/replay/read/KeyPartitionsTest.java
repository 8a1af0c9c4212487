package io.istgt.telemetry.replay.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyPartitionsTest {

    @Test
    void shouldPickThePartitionTheProducersDefaultPartitionerPicks() {
        for (int v = 0; v < 200; v++) {
            byte[] key = ("iqn.2016-09.com.openebs.cstor:pvc-" + v).getBytes(StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, 3, 6, 50}) {
                // the producer's own code for a keyed record without an explicit partition or partitioner
                assertThat(KeyPartitions.partitionOf(key, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
            }
        }
    }

    @Test
    void shouldHashTheAvroKeyAsSerializedWithItsSchemaId() {
        try (InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
             AvroSerializer<VolumeKey> serializer = new AvroSerializer<>(registry)) {
            serializer.configure(Map.of(), true);
            byte[] a = serializer.serialize("istgt.volume.status", new VolumeKey("iqn.2016-09.com.openebs.cstor:vol1"));
            byte[] b = serializer.serialize("istgt.volume.status", new VolumeKey("iqn.2016-09.com.openebs.cstor:vol1"));
            assertThat(KeyPartitions.partitionOf(a, 12)).isEqualTo(KeyPartitions.partitionOf(b, 12));
            assertThat(KeyPartitions.partitionsOf(List.of(a, b), 12)).hasSize(1);
            assertThat(KeyPartitions.partitionOf(a, 1)).isZero();
        }
    }
}
