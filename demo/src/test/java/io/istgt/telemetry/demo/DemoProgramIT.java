package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.local.AlertmanagerServer;
import io.istgt.telemetry.local.LoopbackPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/istgt-demo} as a user would (its own JVM, output not a terminal) and judges it from its
 * output alone: records went through, an alert fired and resolved, and nothing is left behind.
 */
class DemoProgramIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Pattern KAFKA = Pattern.compile("ready in [0-9.]+ s: 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)");
    private static final Pattern REGISTRY = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/apis/ccompat/v7 \\(pid (\\d+)");
    private static final Pattern ALERTMANAGER = Pattern.compile("Alertmanager \\(prometheus-alertmanager, its own"
            + " process\\) ready in [0-9.]+ s: http://127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)");
    /** The summary's end when the demo started Alertmanager: what it notified the demo's webhook of. */
    private static final Pattern NOTIFIED = Pattern.compile("Alertmanager sent (\\d+) notifications \\(alerts notified:"
            + " (\\d+) firing, (\\d+) resolved\\)");
    private static final Pattern SOCKETS = Pattern.compile("unix sockets in (\\S+)");
    /** The plain view's status line once it has read records back: "[+0:05] 12.0 records/s, 60 records; ...". */
    private static final Pattern RECORDS_READ = Pattern.compile("records/s, [1-9]\\d* records;");
    private static final Pattern SUMMARY = Pattern.compile("summary: ran \\S+; (\\d+) records");

    @TempDir
    Path tmp;

    @Test
    void shouldShowRecordsGoingThroughAndAnAlertFiringAndResolvingThenLeaveNothingBehind() throws Exception {
        Run run = Run.start(tmp.resolve("data"), "--duration", "35s", "--view", "plain");

        int exit = run.waitFor(180);

        String out = run.output();
        assertThat(exit).as(out).isZero();
        Matcher summary = SUMMARY.matcher(out);
        assertThat(summary.find()).as(out).isTrue();
        assertThat(Long.parseLong(summary.group(1))).isPositive();
        assertThat(out).containsPattern("records/s");
        // The scenario's first act: replica 6162 disconnects at +5 s and reconnects at +15 s.
        assertThat(out).containsPattern("FIRING +WARNING +REPLICA_DISCONNECTED +pvc-436d6b84-\\S+ replica 6162");
        assertThat(out).containsPattern("RESOLVED +WARNING +REPLICA_DISCONNECTED +pvc-436d6b84-\\S+ replica 6162");
        assertThat(out).containsPattern("fired and resolved: .*REPLICA_DISCONNECTED");
        if (AlertmanagerServer.installed()) {
            // REPLICA_DISCONNECTED fired and resolved through the forwarder and Alertmanager to the demo's webhook
            Matcher notified = NOTIFIED.matcher(out);
            assertThat(notified.find()).as(out).isTrue();
            assertThat(Long.parseLong(notified.group(1))).as("notifications").isPositive();
            assertThat(Long.parseLong(notified.group(2))).as("alerts notified firing").isPositive();
            assertThat(Long.parseLong(notified.group(3))).as("alerts notified resolved").isPositive();
        } else {
            assertThat(out).contains(AlertmanagerServer.INSTALL);
        }
        assertNothingLeftBehind(out, tmp.resolve("data"));
    }

    @Test
    void shouldStopEverythingInOrderOnSigterm() throws Exception {
        Run run = Run.start(tmp.resolve("data"), "--view", "plain");
        assertThat(run.awaitLine("running", 150)).as(run.output()).isTrue();
        // stopped while records go through: the view has read some back
        assertThat(run.awaitLine(l -> RECORDS_READ.matcher(l).find(), 60)).as("a status line with records read"
                + " back: %s", run.output()).isTrue();

        // SIGTERM to the demo JVM (the launcher exec-s it); through the handle: Process.destroy() closes our end of its output.
        run.process.toHandle().destroy();
        int exit = run.waitFor(60);

        String out = run.output();
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("istgt-demo: stopping").contains("summary: ran");
        assertNothingLeftBehind(out, tmp.resolve("data"));
    }

    @Test
    void shouldSayWhichPortIsTakenAndWhichOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = Run.start(tmp.resolve("data"), "--kafka-port", Integer.toString(taken.getLocalPort()),
                    "--duration", "5s", "--view", "plain");

            int exit = run.waitFor(90);

            String out = run.output();
            assertThat(exit).as(out).isEqualTo(1);
            assertThat(out).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use, so the Kafka"
                    + " broker cannot listen there").contains("--kafka-port");
            assertThat(out).contains("kept " + tmp.resolve("data"));
            Matcher sockets = SOCKETS.matcher(out);
            assertThat(sockets.find()).isTrue();
            assertThat(Path.of(sockets.group(1))).doesNotExist();
        }
    }

    private static void assertNothingLeftBehind(String out, Path data) {
        Matcher kafka = KAFKA.matcher(out);
        Matcher registry = REGISTRY.matcher(out);
        Matcher sockets = SOCKETS.matcher(out);
        assertThat(kafka.find() && registry.find() && sockets.find()).as(out).isTrue();
        List<String> pids = new ArrayList<>(List.of(kafka.group(2), registry.group(2)));
        List<Integer> ports = new ArrayList<>(List.of(Integer.parseInt(kafka.group(1)), Integer.parseInt(registry.group(1))));
        if (AlertmanagerServer.installed()) {
            Matcher alertmanager = ALERTMANAGER.matcher(out);
            assertThat(alertmanager.find()).as(out).isTrue();
            pids.add(alertmanager.group(2));
            ports.add(Integer.parseInt(alertmanager.group(1)));
        }
        for (String pid : pids) {
            assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
                    .as("process " + pid + " is gone").isFalse();
        }
        for (int port : ports) {
            assertThat(LoopbackPorts.isListening(port)).as("port " + port + " is free").isFalse();
        }
        assertThat(out).containsPattern("child processes \\[" + String.join(", ", pids.stream().map(p -> "\\d+")
                .toList()) + "\\] gone");
        assertThat(data).as("the data directory").doesNotExist();
        assertThat(Path.of(sockets.group(1))).as("the emulator's socket directory").doesNotExist();
    }

    /** {@code bin/istgt-demo} as a child process, its output collected line by line. */
    private static final class Run {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private Run(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(this::read);
        }

        static Run start(Path data, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/istgt-demo").toString(), "--data-dir",
                    data.toString()));
            command.addAll(Arrays.asList(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            return new Run(builder.start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("(output unreadable: " + e + ")");
                }
            }
        }

        boolean awaitLine(String start, int seconds) throws InterruptedException {
            return awaitLine(l -> l.startsWith(start), seconds);
        }

        boolean awaitLine(Predicate<String> line, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (lines.stream().noneMatch(line)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !process.isAlive()) {
                        return false;
                    }
                    lines.wait(Math.min(left, 500));
                }
                return true;
            }
        }

        int waitFor(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the demo did not end within " + seconds + " s; output:\n" + output());
            }
            reader.join(10_000);
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

}
