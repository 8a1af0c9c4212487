package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/**
 * A volume's IO totals from IOSTATS, cumulative since istgt started. {@code readOps}/{@code writeOps} are
 * istgt's {@code ReadIOPS}/{@code WriteIOPS}: despite their names, command counts, not rates.
 */
public record IoTotals(
        Long readOps,
        Long writeOps,
        Long readBytes,
        Long writeBytes,
        Long readBlocks,
        Long writeBlocks,
        Long totalReadTimeNs,
        Long luTotalReadTimeNs,
        Long replicationTotalReadTimeNs,
        Long totalWriteTimeNs,
        Long luTotalWriteTimeNs,
        Long replicationTotalWriteTimeNs) {

    public IoTotals {
        nonNegative(readOps, "readOps");
        nonNegative(writeOps, "writeOps");
        nonNegative(readBytes, "readBytes");
        nonNegative(writeBytes, "writeBytes");
        nonNegative(readBlocks, "readBlocks");
        nonNegative(writeBlocks, "writeBlocks");
        nonNegative(totalReadTimeNs, "totalReadTimeNs");
        nonNegative(luTotalReadTimeNs, "luTotalReadTimeNs");
        nonNegative(replicationTotalReadTimeNs, "replicationTotalReadTimeNs");
        nonNegative(totalWriteTimeNs, "totalWriteTimeNs");
        nonNegative(luTotalWriteTimeNs, "luTotalWriteTimeNs");
        nonNegative(replicationTotalWriteTimeNs, "replicationTotalWriteTimeNs");
    }
}
