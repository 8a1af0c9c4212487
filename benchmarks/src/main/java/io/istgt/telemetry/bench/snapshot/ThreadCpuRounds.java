package io.istgt.telemetry.bench.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Benchmark 1's second measure: the CPU time of this thread per operation, records and {@code readTree} in turn,
 * in rounds, in this JVM. On a shared machine JMH's wall clock moves with the other processes and with the GC
 * threads; the thread's own CPU time does not, so the ratio it gives is the steadier one.
 *
 * @param rounds how many rounds; the median is taken over the last two thirds (the first third warms the JIT)
 * @param operations operations of each kind per round
 */
record ThreadCpuRounds(int rounds, int operations) {

    /** One kind of operation; returns a number so that the JIT cannot drop the work. */
    @FunctionalInterface
    interface Operation {
        int run() throws Exception;
    }

    /** Microseconds of CPU per operation of each of {@code operations}: the median of the measured rounds. */
    double[] microsPerOperation(Operation... kinds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] perRound = new double[kinds.length][rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < kinds.length; k++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < operations; i++) {
                    sink += kinds[k].run();
                }
                perRound[k][round] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / operations;
            }
        }
        if (sink == Long.MIN_VALUE) {
            throw new IllegalStateException("unreachable: keeps the operations' results alive");
        }
        double[] medians = new double[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            double[] measured = Arrays.copyOfRange(perRound[k], rounds / 3, rounds);
            Arrays.sort(measured);
            medians[k] = measured[measured.length / 2];
        }
        return medians;
    }
}
