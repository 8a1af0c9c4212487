package io.istgt.telemetry.sim.model;

import java.util.SplittableRandom;

/**
 * A volume's cost per IO, fixed from the seed: total time per command and its block count. The LU and
 * replication shares of the total time follow the captures (about 98 % of TotalReadTime is LU time, of which
 * nearly all is replication).
 */
public record IoTiming(long readNs, long writeNs, long syncNs, int readBlocks, int writeBlocks) {

    private static final int[] BLOCK_CHOICES = {8, 16, 32, 64, 128, 256};

    public static IoTiming derive(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        return new IoTiming(
                1_000_000 + random.nextLong(600_000),
                2_800_000 + random.nextLong(1_000_000),
                300_000 + random.nextLong(200_000),
                BLOCK_CHOICES[random.nextInt(BLOCK_CHOICES.length)],
                BLOCK_CHOICES[random.nextInt(BLOCK_CHOICES.length)]);
    }

    long luNs(long totalNs) {
        return totalNs - totalNs / 55;
    }

    long replicationNs(long totalNs) {
        long lu = luNs(totalNs);
        return lu - lu / 1200;
    }

    int blocks(ScsiOp.Kind kind) {
        return switch (kind) {
            case READ -> readBlocks;
            case WRITE -> writeBlocks;
            case SYNC -> 0;
        };
    }

    long totalNs(ScsiOp.Kind kind) {
        return switch (kind) {
            case READ -> readNs;
            case WRITE -> writeNs;
            case SYNC -> syncNs;
        };
    }
}
