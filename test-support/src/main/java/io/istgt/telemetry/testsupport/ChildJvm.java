package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Java child process (registry, stand-alone broker) whose output goes to a log file, killed with its whole
 * process tree on {@link #kill} or when the test JVM exits normally.
 */
final class ChildJvm {

    static final int MIN_JAVA = 21;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(this::killTree, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code java <args>} in {@code workDir} with the JVM running the tests. */
    static ChildJvm start(String name, Path workDir, Path log, List<String> args) {
        requireJava(name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Runs {@code java <args>} to completion (bounded), failing with its output when it exits non-zero. */
    static void run(String name, Path workDir, Path log, List<String> args, Duration timeout) {
        ChildJvm child = start(name, workDir, log, args);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; output:\n"
                        + child.logTail());
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + child.process.exitValue()
                        + "; output:\n" + child.logTail());
            }
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } finally {
            child.forgetShutdownHook();
        }
    }

    static void requireJava(String what) {
        requireJava(what, Runtime.version().feature());
    }

    static void requireJava(String what, int feature) {
        if (feature < MIN_JAVA) {
            throw new IllegalStateException(what + " needs Java " + MIN_JAVA + " or newer, but the tests run on Java "
                    + feature + " (" + System.getProperty("java.home") + "): point JAVA_HOME at a JDK 21+,"
                    + " e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
        }
    }

    /** A loopback port nothing listens on right now (the child binds it shortly after). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /**
     * Polls {@code ready} until it holds; fails fast with the child's output when the child dies, and after
     * {@code timeout} otherwise.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before "
                        + what + "; output (" + log + "):\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                kill();
                throw new IllegalStateException(name + " was not " + what + " within " + timeout
                        + "; killed it; output (" + log + "):\n" + logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name + " to be " + what, e);
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Asks the process tree to stop (SIGTERM), then forces it after {@code grace}. */
    void stop(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        forgetShutdownHook();
    }

    /** Kills the process tree at once (SIGKILL) and waits for it to be gone. */
    void kill() {
        killTree();
        forgetShutdownHook();
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to: nothing left to forget.
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
