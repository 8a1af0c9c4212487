package io.istgt.telemetry.collector.app;

import io.istgt.telemetry.collector.cli.Main;
import io.istgt.telemetry.testsupport.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code istgt-collector run} in its own JVM, so that it can be killed with SIGKILL; its metrics read over HTTP,
 * its heap measured with jcmd. As root it can run without the capabilities that let root ignore file
 * permissions, so that a chmod-000 socket refuses it as it would refuse any other user.
 */
final class CollectorProcess implements AutoCloseable {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(?:\\{([^}]*)})? (\\S+)$");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private CollectorProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * The collector's JVM flags. {@code -Distgt.it.collectorJvmFlags="..."} runs these tests under others, e.g. the
     * sidecar flags collector/README.md recommends, to see a spool's drain after an outage fit a small heap.
     */
    private static final List<String> JVM_FLAGS = List.of(System.getProperty("istgt.it.collectorJvmFlags",
            "-Xmx384m -XX:+UseSerialGC").strip().split("\\s+"));
    /**
     * {@code -Distgt.it.collectorJar=collector/target/collector-VERSION.jar} runs the collector from its jar, as
     * deployed, instead of the tests' class path (whose many jars the class loader indexes on the heap).
     */
    private static final String JAR = System.getProperty("istgt.it.collectorJar", "");

    /**
     * @param runArgs       the {@code run} options, without --http-port/--http-address
     * @param withoutDacOverride as root, drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (file permissions apply)
     */
    static CollectorProcess start(List<String> runArgs, Path log, boolean withoutDacOverride) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (withoutDacOverride) {
            command.addAll(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
                "-cp", JAR.isEmpty() ? System.getProperty("java.class.path") : JAR, Main.class.getName(), "run",
                "--http-port", Integer.toString(port), "--http-address", "127.0.0.1"));
        command.addAll(runArgs);
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CollectorProcess c = new CollectorProcess(p, port, log);
        c.awaitReachable(Duration.ofSeconds(60));
        return c;
    }

    private void awaitReachable(Duration timeout) throws Exception {
        Await.atMost(timeout).every(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the collector exited with " + process.exitValue() + ": "
                        + tail());
            }
            try {
                get("/healthz");
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "the collector serving /healthz: " + tail());
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait: the collector's clean shutdown. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the collector did not stop within " + timeout);
        }
        return process.exitValue();
    }

    String get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sum of the samples of {@code name} whose labels text matches {@code labels}. */
    double metric(String name, Predicate<String> labels) throws IOException {
        double sum = 0;
        for (String line : get("/metrics").split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name) && labels.test(m.group(2) == null ? "" : m.group(2))) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    double metric(String name) throws IOException {
        return metric(name, l -> true);
    }

    /** Every sample of {@code name}: labels text → value. */
    Map<String, Double> samples(String name) throws IOException {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : get("/metrics").split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                out.merge(m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return out;
    }

    /** Heap in use right after a full GC, in KiB (jcmd GC.run, then GC.heap_info). */
    long heapAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info of " + pid());
        }
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid() + " " + what + " failed: " + out);
        }
        return out;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Lets time pass that is itself what a test is about (a broker outage of so many seconds, a fault's phase):
     * not a wait for something to happen, which is {@link Await}'s.
     */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
