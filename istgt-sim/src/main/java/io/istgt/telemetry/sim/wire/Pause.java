package io.istgt.telemetry.sim.wire;

import java.time.Duration;

/**
 * Waits: for the slow-reply and stall faults and for a connecting replica's handshake; injected so that a test
 * can count instead of wait.
 */
@FunctionalInterface
public interface Pause {

    Pause SLEEP = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    void pause(Duration duration) throws InterruptedException;
}
