package io.istgt.telemetry.client.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one poll of one istgt control socket saw. istgt serves one or more volumes; what istgt
 * reports per volume is in {@link #volumes()} (keyed by iqn, replicas keyed by id), what it reports for the
 * whole process (ISTGTSTATUS' target-level counters, STATS, INFO) is here. cStor runs one volume per istgt,
 * so for it the process-level groups describe that volume.
 *
 * @param istgtVersion   from the greeting, e.g. {@code istgt:0.5.20121028:20:23:24:Nov 23 2026}
 * @param build          ISTGTSTATUS {@code gitCommitHash}/{@code releaseTag}; null with the stock command set
 * @param operatingMode  STATUS' first line, e.g. {@code Running:NORMAL MODE OF OPERATION}; null if not answered
 * @param maxIoWaitSeconds MAXIOWAIT; null if not answered
 * @param mgmtRequests   target-level snapshot and rebuild requests; null with the stock command set
 * @param queues         null with the stock command set
 * @param warnings       what this snapshot lacks and why (a command this istgt does not know, a reply cut
 *                       short by istgt's line limit, data that could not be attributed to a volume)
 * @param partialFailures the commands of this poll that gave nothing, or only part of what istgt counted (the
 *                       poll as a whole succeeded), typed; each also has a line in {@code warnings}
 */
public record IstgtSnapshot(
        String socketPath,
        Instant collectedAt,
        CommandSet commandSet,
        String istgtVersion,
        BuildInfo build,
        String operatingMode,
        Long maxIoWaitSeconds,
        IscsiConnections iscsi,
        IoCounters io,
        QueueLengths queues,
        MgmtRequestCounts mgmtRequests,
        List<VolumeSnapshot> volumes,
        List<String> warnings,
        List<PartialFailure> partialFailures) {

    public IstgtSnapshot {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(collectedAt, "collectedAt");
        Objects.requireNonNull(commandSet, "commandSet");
        Objects.requireNonNull(istgtVersion, "istgtVersion");
        Objects.requireNonNull(iscsi, "iscsi");
        Objects.requireNonNull(io, "io");
        volumes = Checks.copy(volumes, "volumes");
        warnings = Checks.copy(warnings, "warnings");
        partialFailures = Checks.copy(partialFailures, "partialFailures");
        Checks.nonNegative(maxIoWaitSeconds, "maxIoWaitSeconds");
    }
}
