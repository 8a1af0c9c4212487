package io.istgt.telemetry.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's resident memory goes, read from outside: {@code /proc/PID/smaps_rollup} (anonymous vs file-backed,
 * private vs shared), the thread count ({@code /proc/PID/status}), the classes loaded from class files and from the
 * CDS archive ({@code jcmd PerfCounter.print}) and, when the JVM runs with {@code -XX:NativeMemoryTracking=summary},
 * the committed memory per NMT category ({@code jcmd VM.native_memory summary}). Sizes in MiB.
 */
public record MemoryProbe(double rssMiB, double anonymousMiB, double fileMiB, double privateDirtyMiB,
                          double sharedCleanMiB, long threads, long classesLoaded, long classesShared,
                          Map<String, Double> nmtCommittedMiB) {

    private static final Pattern NMT_CATEGORY = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_TOTAL = Pattern.compile("(?m)^Total: reserved=\\d+KB, committed=(\\d+)KB");

    /** Reads it all now; the NMT map is empty when the JVM does not track native memory. */
    public static MemoryProbe of(long pid) throws IOException, InterruptedException {
        Map<String, Long> rollup = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].endsWith(":") && f[2].equals("kB")) {
                rollup.put(f[0].substring(0, f[0].length() - 1), Long.parseLong(f[1]));
            }
        }
        long rss = rollup.getOrDefault("Rss", 0L);
        long anon = rollup.getOrDefault("Anonymous", 0L);
        String counters = jcmd(pid, "PerfCounter.print");
        Map<String, Double> nmt = new LinkedHashMap<>();
        String summary = jcmd(pid, "VM.native_memory summary");
        Matcher total = NMT_TOTAL.matcher(summary);
        if (total.find()) {
            nmt.put("Total", Long.parseLong(total.group(1)) / 1024.0);
            Matcher m = NMT_CATEGORY.matcher(summary);
            while (m.find()) {
                nmt.put(m.group(1).strip(), Long.parseLong(m.group(2)) / 1024.0);
            }
        }
        return new MemoryProbe(rss / 1024.0, anon / 1024.0, (rss - anon) / 1024.0,
                rollup.getOrDefault("Private_Dirty", 0L) / 1024.0, rollup.getOrDefault("Shared_Clean", 0L) / 1024.0,
                ProcStat.statusKiB(pid, "Threads:"), counter(counters, "java.cls.loadedClasses"),
                counter(counters, "java.cls.sharedLoadedClasses"), nmt);
    }

    /** {@code jcmd PID COMMAND}'s output (the JDK running this benchmark); any failure is an IOException. */
    public static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    private static long counter(String counters, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(\\d+)").matcher(counters);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** NMT's committed MiB for a category ("Java Heap", "Metaspace", ...), NaN when not tracked. */
    public double nmt(String category) {
        return nmtCommittedMiB.getOrDefault(category, Double.NaN);
    }
}
