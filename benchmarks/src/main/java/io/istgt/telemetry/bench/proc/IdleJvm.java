package io.istgt.telemetry.bench.proc;

/**
 * A JVM that does nothing: the floor next to which a measured program's memory is read (benchmark 3 runs it with
 * the collector's JVM flags, in the same run). It loads no class of its own beyond this one and waits to be killed.
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
