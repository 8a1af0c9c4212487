package io.istgt.telemetry.replay.read;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partitions hold a key's records when the producer used Kafka's default partitioner: murmur2 of the
 * serialized key bytes, made positive, modulo the partition count (what {@code BuiltInPartitioner} does for a
 * keyed record). Reading only those partitions is what keeps a replay of one volume cheap on a big cluster.
 */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    public static int partitionOf(byte[] serializedKey, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(serializedKey)) % partitions;
    }

    public static Set<Integer> partitionsOf(Collection<byte[]> serializedKeys, int partitions) {
        Set<Integer> result = new TreeSet<>();
        for (byte[] key : serializedKeys) {
            result.add(partitionOf(key, partitions));
        }
        return result;
    }
}
