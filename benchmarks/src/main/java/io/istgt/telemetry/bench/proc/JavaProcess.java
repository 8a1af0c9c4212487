package io.istgt.telemetry.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program of this repository run as its own JVM (the collector, istgt-sim), so that its CPU and memory are
 * its own: output to a log file, SIGTERM on {@link #close()} (its shutdown hook runs), SIGKILL if it lingers.
 */
public final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;

    private JavaProcess(String name, Process process, Path log, List<String> command) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** {@code java <jvmFlags> -jar <jar> <args>} with the JVM running this benchmark. */
    public static JavaProcess start(String name, List<String> jvmFlags, Path jar, List<String> args, Path log) {
        return start(name, jvmFlags, jar, args, log, Map.of());
    }

    /** As {@link #start(String, List, Path, List, Path)}, with extra environment variables (e.g. MALLOC_ARENA_MAX). */
    public static JavaProcess start(String name, List<String> jvmFlags, Path jar, List<String> args, Path log,
                                    Map<String, String> environment) {
        return launch(name, jvmFlags, List.of("-jar", jar.toString()), args, log, environment);
    }

    /** {@code java <jvmFlags> -cp <classpath> <mainClass> <args>}, with extra environment variables. */
    public static JavaProcess startMain(String name, List<String> jvmFlags, String classpath, String mainClass,
                                        List<String> args, Path log, Map<String, String> environment) {
        return launch(name, jvmFlags, List.of("-cp", classpath, mainClass), args, log, environment);
    }

    private static JavaProcess launch(String name, List<String> jvmFlags, List<String> program, List<String> args,
                                      Path log, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(program);
        command.addAll(args);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            JavaProcess p = new JavaProcess(name, process, log, List.copyOf(command));
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill " + name));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code ready}; fails with the log's tail if the process dies or {@code timeout} passes. */
    public void awaitReady(BooleanSupplier ready, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before " + what
                        + "; its output (" + log + "):\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not " + what + " within " + timeout + "; its output ("
                        + log + "):\n" + logTail());
            }
            Thread.sleep(100);
        }
    }

    /**
     * A full GC in the process ({@code jcmd PID GC.run}), then its heap in use ({@code GC.heap_info}), in MiB: the
     * live heap. Works for the serial collector's "used NK" lines.
     */
    public double liveHeapMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        double usedKiB = 0;
        Matcher m = Pattern.compile("\\btotal \\d+K, used (\\d+)K")
                .matcher(jcmd("GC.heap_info"));
        while (m.find()) {
            usedKiB += Long.parseLong(m.group(1));
        }
        return usedKiB / 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        return MemoryProbe.jcmd(pid(), command);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns the exit code (or -1 when it had to be killed). */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }
}
