package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** One quantity counted separately for read, write and sync IOs; each null when absent. */
public record ReadWriteSync(Long read, Long write, Long sync) {

    public ReadWriteSync {
        nonNegative(read, "read");
        nonNegative(write, "write");
        nonNegative(sync, "sync");
    }
}
