package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/** istgt's command queues now (ISTGTSTATUS {@code maintCmdQLen}, ...). */
public record QueueLengths(Long maintCmdQLen, Long maintBlockedQLen, Long cmdQLen, Long blockedQLen) {

    public QueueLengths {
        nonNegative(maintCmdQLen, "maintCmdQLen");
        nonNegative(maintBlockedQLen, "maintBlockedQLen");
        nonNegative(cmdQLen, "cmdQLen");
        nonNegative(blockedQLen, "blockedQLen");
    }
}
