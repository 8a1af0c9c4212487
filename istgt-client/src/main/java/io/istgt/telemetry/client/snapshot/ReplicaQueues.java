package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** IOs queued for one replica (ISTGTSTATUS {@code waitQ}, {@code readyQ}, {@code blockedQ}). */
public record ReplicaQueues(Long waitQ, Long readyQ, Long blockedQ) {

    public ReplicaQueues {
        nonNegative(waitQ, "waitQ");
        nonNegative(readyQ, "readyQ");
        nonNegative(blockedQ, "blockedQ");
    }
}
