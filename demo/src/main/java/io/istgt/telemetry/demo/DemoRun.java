package io.istgt.telemetry.demo;

import io.istgt.telemetry.local.AlertmanagerServer;
import io.istgt.telemetry.local.BrokerProbe;
import io.istgt.telemetry.local.KafkaServerProcess;
import io.istgt.telemetry.local.LocalDistribution;
import io.istgt.telemetry.local.SchemaRegistryProcess;
import io.istgt.telemetry.schemas.KafkaRefusal;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.SchemaNotFoundException;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One demo run: starts every part in order, showing progress, runs the live view until the duration is over
 * or a stop is asked for, then stops every part in reverse order and removes what it made.
 */
final class DemoRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoRun.class);
    private static final int STEPS = 7;
    /** Alertmanager and the forwarder. */
    private static final int ALERTING_STEPS = 2;
    private static final Duration EXTERNAL_TIMEOUT = Duration.ofSeconds(30);

    private final DemoSettings settings;
    private final DataDirectory data;
    private final PrintStream out;
    private final boolean tty;
    private final int width;
    private final Deque<Part> started = new ArrayDeque<>();
    private final List<ProcessHandle> children = new ArrayList<>();
    private final ClientSettings client;
    private KafkaServerProcess kafka;
    private SchemaRegistryProcess registry;
    private AlertmanagerStage alertmanager;
    private ForwarderStage forwarder;

    /** A started part and how to stop it. */
    private record Part(String name, AutoCloseable closer) {
    }

    DemoRun(DemoSettings settings, DataDirectory data, PrintStream out, boolean tty, int width) {
        this.client = ClientSettings.read(settings.clientConfig());
        this.settings = settings;
        this.data = data;
        this.out = out;
        this.tty = tty;
        this.width = width;
    }

    /** Runs until {@code stop} is counted down or the duration is over; returns the process exit code. */
    int run(CountDownLatch stop) throws Exception {
        AlertmanagerStage.Mode alerting = AlertmanagerStage.mode(settings.alertmanager(), AlertmanagerServer.installed());
        Progress progress = new Progress(out, tty, STEPS + (alerting == AlertmanagerStage.Mode.NONE ? 0 : ALERTING_STEPS));

        EmulatorStage emulator = progress.step("emulated istgts", () -> EmulatorStage.start(settings.volumes(),
                settings.rebuildTime()), e -> e.volumes().size() + " volumes, " + e.replicasPerVolume()
                + " replicas each, one istgt per volume, unix sockets in " + e.sockets().getFirst().getParent());
        started.push(new Part("emulator", emulator));

        String bootstrap = startKafka(progress);
        String registryUrl = startRegistry(progress);

        DemoTopics.Ensured topics = progress.step("topics", () -> {
            Map<String, Object> adminSettings = client.forClient(AdminClientConfig.configNames());
            adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(adminSettings)) {
                return DemoTopics.ensure(admin, KafkaRefusal.principal(client.settings()));
            }
        }, t -> t.created().isEmpty() ? "all there already" : "created " + String.join(", ", t.created()));

        startAlerting(progress, alerting, bootstrap, registryUrl);

        AnalyticsStage analytics = progress.step("analytics (Kafka Streams in this JVM, exactly_once_v2)",
                () -> AnalyticsStage.start(bootstrap, registryUrl, client, topics.replication(), data.resolve("streams-state"),
                        settings.pollInterval(),
                        settings.resolveAfter(), Duration.ofSeconds(90)),
                a -> "RUNNING; alerts resolve " + settings.resolveAfter().toSeconds() + " s after their condition clears");
        started.push(new Part("analytics", analytics));

        progress.step("emulated replicas connected and rebuilt", () -> {
            emulator.awaitRebuilt(settings.rebuildTime(), settings.rebuildTime().plusSeconds(60));
            return emulator.volumes().size();
        }, n -> "all " + n + " volumes Healthy, every replica rebuilt");

        SchemaRegistryClient viewRegistry = registryClient(registryUrl);
        started.push(new Part("registry client", viewRegistry));
        Dashboard dashboard = new Dashboard();
        TopicWatcher watcher = TopicWatcher.start(bootstrap, client, viewRegistry, dashboard);
        started.push(new Part("topic reader", watcher));

        CollectorStage collector = progress.step("collector (istgt-collector run, in this JVM)",
                () -> CollectorStage.start(emulator.sockets(), bootstrap, registryUrl, client.file(),
                        settings.pollInterval(), data.resolve("collector-spool")),
                c -> "polling " + emulator.sockets().size() + " istgts every " + settings.pollInterval().toMillis()
                        + " ms, publishing Avro to " + DemoTopics.VOLUME_STATUS + " and " + DemoTopics.REPLICA_STATUS
                        + c.metricsUrl().map(url -> "; metrics " + url).orElse(""));
        started.push(new Part("collector", collector));

        Instant upAt = Instant.now();
        EmulatorStage.Played played = emulator.play(settings.scenario());
        out.println("scenario " + played.source() + ": " + played.timeline().size() + " events over "
                + LiveView.clock(played.span(upAt)) + (played.skipped().isEmpty() ? ""
                : "; skipped (volume not emulated with --volumes " + settings.volumes() + "): " + played.skipped()));
        out.println("running" + settings.duration().map(d -> " for " + LiveView.clock(d)).orElse("")
                + "; Ctrl-C stops everything");
        out.flush();

        LiveView.Context context = new LiveView.Context(bootstrap, registryUrl,
                Optional.ofNullable(alertmanager).map(AlertmanagerStage::url), upAt,
                settings.duration().map(upAt::plus), played.timeline());
        LiveView view = view();
        Instant now = Instant.now();
        while (true) {
            boolean stopAsked = stop.await(1, TimeUnit.SECONDS);
            now = Instant.now();
            view.render(dashboard.snapshot(System.nanoTime()), context, now);
            if (stopAsked || context.stopAt().map(now::isAfter).orElse(false)) {
                break;
            }
            Optional<String> broken = broken(watcher);
            if (broken.isPresent()) {
                out.println("istgt-demo: " + broken.get());
                return 1;
            }
        }
        Dashboard.Snapshot last = dashboard.snapshot(System.nanoTime());
        out.println(view.summary(last, context, now) + alertingSummary());
        return 0;
    }

    private LiveView view() {
        boolean ansi = settings.view() == DemoSettings.ViewMode.ANSI
                || (settings.view() == DemoSettings.ViewMode.AUTO && tty);
        if (ansi) {
            TerminalView view = new TerminalView(out, width);
            view.begin();
            return view;
        }
        return new PlainView(out);
    }

    /**
     * Alertmanager (Debian's, started here, or {@code --alertmanager}'s), then the forwarder taking the alerts to it;
     * without either, one line saying how to install Alertmanager, and nothing else changes.
     */
    private void startAlerting(Progress progress, AlertmanagerStage.Mode mode, String bootstrap, String registryUrl)
            throws Exception {
        switch (mode) {
            case NONE -> {
                progress.note("      no Alertmanager (" + AlertmanagerServer.BINARY + " is not installed): the alerts stay"
                        + " in Kafka; " + AlertmanagerServer.INSTALL + " to see them notified");
                return;
            }
            case EXISTING -> {
                String url = settings.alertmanager().orElseThrow();
                alertmanager = progress.step("Alertmanager at " + url + " (--alertmanager)",
                        () -> AlertmanagerStage.existing(url), a -> "answering GET /-/ready");
            }
            case EMBEDDED -> {
                alertmanager = progress.step("Alertmanager (" + AlertmanagerServer.BINARY.getFileName() + ", its own"
                                + " process)", () -> AlertmanagerStage.start(data.resolve("alertmanager")),
                        a -> a.url() + " (pid " + a.process().map(ProcessHandle::pid).orElse(-1L) + ", log "
                                + a.log().map(Path::toString).orElse("-") + "), notifying the demo's webhook");
                alertmanager.process().ifPresent(children::add);
            }
        }
        started.push(new Part("Alertmanager", alertmanager));
        String url = alertmanager.url();
        forwarder = progress.step("alert forwarder (istgt-alert-forwarder, in this JVM)",
                () -> ForwarderStage.start(ForwarderStage.settings(bootstrap, registryUrl, client, url), EXTERNAL_TIMEOUT),
                f -> "forwarding " + DemoTopics.ALERTS + " to " + url + "; metrics " + f.metricsUrl());
        started.push(new Part("alert forwarder", forwarder));
    }

    /** What reached Alertmanager, for the summary line; empty without one. */
    private String alertingSummary() {
        if (alertmanager == null || forwarder == null) {
            return "";
        }
        Optional<NotificationCounter.Counts> notified = alertmanager.notified();
        if (notified.isPresent()) {
            NotificationCounter.Counts n = notified.get();
            return "; Alertmanager sent " + n.notifications() + " notifications (alerts notified: " + n.firing()
                    + " firing, " + n.resolved() + " resolved)";
        }
        try {
            return "; alerts sent to " + alertmanager.url() + ": " + forwarder.acceptedAlerts() + " accepted";
        } catch (IOException e) {
            return "; alerts sent to " + alertmanager.url() + " (the forwarder's count unreadable: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "; alerts sent to " + alertmanager.url();
        }
    }

    private String startKafka(Progress progress) throws Exception {
        if (settings.bootstrapServers().isPresent()) {
            String bootstrap = settings.bootstrapServers().get();
            return progress.step("Kafka at " + bootstrap + " (--bootstrap-servers)", () -> {
                BrokerProbe.awaitAnswering(bootstrap, client.forClient(AdminClientConfig.configNames()),
                        EXTERNAL_TIMEOUT, () -> true, "Kafka");
                return bootstrap;
            }, b -> "answering");
        }
        kafka = progress.step("Kafka " + LocalDistribution.kafkaVersion() + " broker (KRaft, its own JVM)",
                () -> KafkaServerProcess.builder().port(settings.kafkaPort()).dataDir(data.resolve("kafka")).start(),
                k -> k.bootstrapServers() + " (pid " + k.process().map(ProcessHandle::pid).orElse(-1L) + ", log "
                        + k.log() + ")");
        kafka.process().ifPresent(children::add);
        started.push(new Part("Kafka broker", kafka));
        return kafka.bootstrapServers();
    }

    private String startRegistry(Progress progress) throws Exception {
        if (settings.schemaRegistryUrl().isPresent()) {
            String url = settings.schemaRegistryUrl().get();
            return progress.step("schema registry at " + url + " (--schema-registry-url)", () -> {
                requireAnswering(url, client.file().isPresent() ? Optional.of(registryClient(url)) : Optional.empty());
                return url;
            }, u -> "answering GET /subjects");
        }
        registry = progress.step("Apicurio Registry " + LocalDistribution.apicurioVersion() + " (its own JVM)",
                () -> SchemaRegistryProcess.builder().httpPort(settings.registryPort())
                        .log(data.resolve("apicurio-registry.log")).start(),
                r -> r.ccompatUrl() + " (pid " + r.process().pid() + ", log " + r.log() + ")");
        children.add(registry.process());
        started.push(new Part("schema registry", registry));
        return registry.ccompatUrl();
    }

    /** A registry client with the run's settings ({@code --client-config}: TLS, credentials). */
    private SchemaRegistryClient registryClient(String url) {
        Map<String, Object> serde = client.all();
        serde.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        return new AvroSerdeConfig(serde).createClient();
    }

    /**
     * Whether the registry answers: through the registry client when there are client settings (TLS, credentials
     * the plain probe does not have), by {@code GET /subjects} otherwise.
     */
    private static void requireAnswering(String url, Optional<SchemaRegistryClient> withSettings)
            throws InterruptedException {
        if (withSettings.isPresent()) {
            try (SchemaRegistryClient registry = withSettings.get()) {
                // An id no registry hands out: "not found" is an answer, through TLS and credentials.
                registry.schemaById(Integer.MAX_VALUE);
            } catch (SchemaNotFoundException answered) {
                return;
            } catch (RuntimeException e) {
                throw new IllegalStateException("the schema registry at " + url + " (with --client-config) did not"
                        + " answer: " + e.getMessage(), e);
            }
            return;
        }
        String subjects = url.replaceAll("/+$", "") + "/subjects";
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(subjects))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the schema registry at " + url + " answered GET /subjects with HTTP "
                        + response.statusCode() + ": is it a Confluent-compatible API? (Apicurio's is under /apis/ccompat/v7)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the schema registry at " + url + ": " + e, e);
        }
    }

    /** Why the run cannot go on, if something it needs died under it. */
    private Optional<String> broken(TopicWatcher watcher) {
        if (kafka != null && !kafka.isRunning()) {
            return Optional.of("the Kafka broker exited; its output: " + kafka.log());
        }
        if (registry != null && !registry.isRunning()) {
            return Optional.of("the schema registry exited; its output: " + registry.log());
        }
        if (alertmanager != null && !alertmanager.isRunning()) {
            return Optional.of("Alertmanager exited; its output: " + alertmanager.log().map(Path::toString).orElse("-"));
        }
        if (forwarder != null && !forwarder.alive()) {
            return Optional.of("the alert forwarder stopped (see " + data.resolve("demo.log") + ")");
        }
        if (watcher.failure() != null) {
            return Optional.of("reading the topics back failed: " + watcher.failure() + " (see " + data.resolve("demo.log") + ")");
        }
        return Optional.empty();
    }

    /** Stops every started part, newest first; a part that fails to stop does not keep the others running. */
    @Override
    public void close() {
        long begin = System.nanoTime();
        List<String> names = new ArrayList<>();
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.closer().close();
                names.add(part.name());
            } catch (Exception e) {
                log.warn("stopping the {} failed", part.name(), e);
                out.println("istgt-demo: stopping the " + part.name() + " failed: " + e);
            }
        }
        List<Long> alive = children.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        out.println("stopped " + String.join(", ", names) + " in " + Progress.seconds(begin)
                + (children.isEmpty() ? "" : alive.isEmpty() ? "; child processes "
                + children.stream().map(p -> Long.toString(p.pid())).toList() + " gone" : "; STILL ALIVE: " + alive));
    }
}
