package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** IOs holding istgt memory for one replica now (MEMPOOL {@code in-flight read}, ...). */
public record MempoolUsage(Long inflightRead, Long inflightWrite, Long inflightSync, Long inflightCommand) {

    public MempoolUsage {
        nonNegative(inflightRead, "inflightRead");
        nonNegative(inflightWrite, "inflightWrite");
        nonNegative(inflightSync, "inflightSync");
        nonNegative(inflightCommand, "inflightCommand");
    }
}
