package io.istgt.telemetry.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java child process (the broker, the registry) run with the JVM running this code, or a program that is not a
 * JVM ({@link #startProgram}: Alertmanager), its output going to a
 * log file, killed with its whole process tree on {@link #stop}, {@link #kill} or when this JVM exits normally
 * (a shutdown hook: Ctrl-C and SIGTERM included), and stopping by itself when this JVM is gone otherwise (killed
 * -9: the {@link ParentWatch} agent in the child). Where {@code setsid} exists the child runs in a
 * session of its own, so terminal signals reach only this JVM, which decides the order things stop in.
 *
 * <pre>{@code
 * ChildJvm child = ChildJvm.start("Kafka broker", dir, dir.resolve("server.log"), List.of("-cp", cp, "kafka.Kafka", conf));
 * child.awaitReady(() -> answers(), Duration.ofSeconds(90), "answering");
 * child.stop(Duration.ofSeconds(20));   // SIGTERM to the tree, SIGKILL after the grace
 * }</pre>
 */
public final class ChildJvm {

    /** The oldest Java the child processes run on (Apicurio Registry 3 needs 21). */
    public static final int MIN_JAVA = 21;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

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

    /** Starts {@code java <args>} in {@code workDir} with this JVM's java, output (both streams) to {@code log}. */
    public static ChildJvm start(String name, Path workDir, Path log, List<String> args) {
        return start(name, workDir, log, args, Map.of());
    }

    /**
     * Like {@link #start(String, Path, Path, List)}, with {@code environment} added to this JVM's: the way to hand
     * the child a secret, which its command line (printed when the start fails, shown by {@code ps}) must not hold.
     */
    public static ChildJvm start(String name, Path workDir, Path log, List<String> args, Map<String, String> environment) {
        requireJava(name);
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        // Stops with this JVM even when this one is killed -9 (see ParentWatch).
        command.add("-javaagent:" + ParentWatchJar.PATH + "=" + ProcessHandle.current().pid());
        command.addAll(args);
        return launch(name, workDir, log, command, environment, ProcessBuilder.Redirect.to(log.toFile()));
    }

    /**
     * Starts a program that is not a JVM (Debian's Alertmanager) the same way: its own session, output (appended to,
     * so a restart keeps the earlier output) to {@code log}, its tree killed by {@link #stop}, {@link #kill} or when
     * this JVM exits normally. Not when this JVM is killed -9: the {@link ParentWatch} agent goes only in a JVM.
     */
    public static ChildJvm startProgram(String name, Path workDir, Path log, List<String> command) {
        return launch(name, workDir, log, command, Map.of(), ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static ChildJvm launch(String name, Path workDir, Path log, List<String> program,
                                   Map<String, String> environment, ProcessBuilder.Redirect output) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Its own session: a Ctrl-C at the terminal reaches only the parent, which stops its children in
            // order (clients first) instead of every process of the terminal's group stopping at once.
            command.add(SETSID.toString());
        }
        command.addAll(program);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Runs {@code java <args>} to completion, bounded by {@code timeout}; fails with its output when it exits non-zero. */
    public static void run(String name, Path workDir, Path log, List<String> args, Duration timeout) {
        ChildJvm child = start(name, workDir, log, args);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + "; killed it; output ("
                        + child.log + "):\n" + child.logTail());
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + child.process.exitValue()
                        + "; output (" + child.log + "):\n" + child.logTail());
            }
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        } finally {
            child.forgetShutdownHook();
        }
    }

    /** Fails, naming {@code what} and the fix, when this JVM is older than {@value #MIN_JAVA}. */
    public static void requireJava(String what) {
        requireJava(what, Runtime.version().feature());
    }

    static void requireJava(String what, int feature) {
        if (feature < MIN_JAVA) {
            throw new IllegalStateException(what + " needs Java " + MIN_JAVA + " or newer, but this runs on Java " + feature
                    + " (" + System.getProperty("java.home") + "): point JAVA_HOME at a JDK 21+,"
                    + " e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
        }
    }

    /**
     * Polls {@code ready} until it holds; fails fast with the child's output when the child dies, and kills it
     * after {@code timeout}.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was "
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

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The process itself, e.g. for a test to check that it and its descendants are gone. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    /** Asks the process tree to stop (SIGTERM), then kills it (SIGKILL) after {@code grace}. */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
            }
            awaitGone(tree);
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        forgetShutdownHook();
    }

    /** Kills the process tree at once (SIGKILL) and waits, bounded, for it to be gone. */
    public void kill() {
        killTree();
        forgetShutdownHook();
    }

    private void killTree() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            awaitGone(tree);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Descendants first (taken before the parent dies, while they can still be found from it), then the process. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private static void awaitGone(List<ProcessHandle> tree) throws InterruptedException {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to: nothing left to forget.
        }
    }

    /** The last lines of the child's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The {@link ParentWatch} agent jar, written once per JVM from the class's own bytes into the temp directory. */
    private static final class ParentWatchJar {
        static final Path PATH = write();

        private static Path write() {
            String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatch.class.getName());
            try (InputStream classBytes = ParentWatch.class.getResourceAsStream("/" + entry)) {
                if (classBytes == null) {
                    throw new IllegalStateException("cannot read " + entry + " from the classpath");
                }
                Path jar = Files.createTempFile("istgt-parent-watch-", ".jar");
                jar.toFile().deleteOnExit();
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                    out.putNextEntry(new JarEntry(entry));
                    classBytes.transferTo(out);
                    out.closeEntry();
                }
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the parent-watch agent jar into "
                        + System.getProperty("java.io.tmpdir"), e);
            }
        }
    }

    private static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
