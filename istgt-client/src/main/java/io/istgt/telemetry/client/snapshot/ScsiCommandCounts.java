package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** SCSI read, write and sync commands by CDB size (ISTGTSTATUS {@code read6Cnt} ... {@code sync16Cnt}). */
public record ScsiCommandCounts(
        Long read6, Long read10, Long read12, Long read16,
        Long write6, Long write10, Long write12, Long write16,
        Long sync10, Long sync16) {

    public ScsiCommandCounts {
        nonNegative(read6, "read6");
        nonNegative(read10, "read10");
        nonNegative(read12, "read12");
        nonNegative(read16, "read16");
        nonNegative(write6, "write6");
        nonNegative(write10, "write10");
        nonNegative(write12, "write12");
        nonNegative(write16, "write16");
        nonNegative(sync10, "sync10");
        nonNegative(sync16, "sync16");
    }
}
