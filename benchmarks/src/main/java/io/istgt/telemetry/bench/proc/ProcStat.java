package io.istgt.telemetry.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Linux says about a process: CPU time (user + system, /proc/PID/stat) and resident memory
 * (VmRSS, /proc/PID/status). CPU is in clock ticks of 10 ms (USER_HZ is 100 on Linux).
 */
public final class ProcStat {

    /** USER_HZ: fixed at 100 in the Linux ABI whatever the kernel's HZ. */
    public static final int TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** User + system CPU time of {@code pid} so far, in seconds. */
    public static double cpuSeconds(long pid) {
        return ticks(read(Path.of("/proc", Long.toString(pid), "stat"))) / (double) TICKS_PER_SECOND;
    }

    /** utime + stime of a /proc stat line (a process's or a thread's), in ticks. */
    private static long ticks(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * User + system CPU time so far of the threads of {@code pid} by name, in seconds, with the numbers at the end of
     * a name dropped so that a pool's threads add up ({@code ForkJoinPool-1-worker-3} counts as
     * {@code ForkJoinPool-1-worker-}). Linux keeps 15 characters of a name. Threads that ended are not counted.
     */
    public static Map<String, Double> threadCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<String, Double> seconds = new TreeMap<>();
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+$", "");
                seconds.merge(name, ticks(stat) / (double) TICKS_PER_SECOND, Double::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks + " (has the process exited?)", e);
        }
        return seconds;
    }

    /**
     * Of {@link #threadCpuSeconds}, the JIT compiler threads' (HotSpot names them {@code C1 CompilerThre...} and
     * {@code C2 CompilerThre...}): a start-up cost a measured window may still include.
     */
    public static boolean isCompilerThread(String name) {
        return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
    }

    /** Resident set size of {@code pid}, in MiB. */
    public static double rssMiB(long pid) {
        return statusKiB(pid, "VmRSS:") / 1024.0;
    }

    /** Peak resident set size of {@code pid}, in MiB. */
    public static double peakRssMiB(long pid) {
        return statusKiB(pid, "VmHWM:") / 1024.0;
    }

    /** A line of /proc/PID/status in KiB, e.g. {@code RssAnon:} (heap, malloc) or {@code RssFile:} (mapped files). */
    public static long statusKiB(long pid, String key) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process exited?)", e);
        }
    }
}
