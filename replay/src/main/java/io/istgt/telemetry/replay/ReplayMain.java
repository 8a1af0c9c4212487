package io.istgt.telemetry.replay;

import io.istgt.telemetry.options.ConfigFile;
import io.istgt.telemetry.options.ConfigFileException;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.options.ProgramOptions;
import io.istgt.telemetry.replay.cli.ReplaySettings;
import io.istgt.telemetry.replay.cli.TimeArgument;
import io.istgt.telemetry.replay.read.HistoryReader;
import io.istgt.telemetry.replay.read.KeyPartitioning;
import io.istgt.telemetry.replay.read.Progress;
import io.istgt.telemetry.replay.read.ReplayTopics;
import io.istgt.telemetry.replay.render.HtmlReport;
import io.istgt.telemetry.replay.render.TextReport;
import io.istgt.telemetry.replay.render.TimeFormat;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code istgt-replay}: wires the settings, the reader, the replay and the reports; nothing else. */
@Command(name = "istgt-replay", mixinStandardHelpOptions = true, sortOptions = false, version = "istgt-replay 0.1.0",
        description = {"A volume's history over a window, read back from the telemetry topics: volume status and "
                + "replica modes as intervals, transitions, alerts, error deltas and IO rates, collection gaps and "
                + "unreachable spans. Optionally an HTML report, and the alerts re-derived offline with other thresholds.",
                "Reads by timestamp, assigns partitions by hand (no consumer group, nothing committed), read_committed."},
        footer = {"%nTIME: 2026-11-25T02:10:00Z or 2026-11-25T03:10:00+01:00 (instants), 2026-11-25T02:10 or "
                + "'2026-11-25 02:10:30' or 2026-11-25 (local, in --zone), now, or -30m / -1h30m / -2d (before now).",
                "%nBesides the options, the --config file takes the analytics' keys: they name the topics "
                + "(volume.status.topic, replica.status.topic, replica.transitions.topic, volume.transitions.topic, "
                + "alerts.topic; history.volume.topic, history.replica.topic for status older than the live topics "
                + "keep) and give --rederive its thresholds (alert.resolve.after.ms, spike.*, silence.*, ...; see "
                + "istgt-analytics --print-config); Kafka consumer keys (security.protocol, sasl.*, ssl.*) and schema "
                + "registry keys (basic.auth.user.info, schema.registry.ssl.*) pass through. "
                + "ISTGT_REPLAY_JAVA_OPTS: the JVM's options.",
                "%nExit: 0 done, 1 could not read (Kafka, registry, data), 2 bad usage or configuration."})
public final class ReplayMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081",
            description = "Schema registry (Confluent REST API) URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--iqn", paramLabel = "IQN",
            description = "The volume, e.g. iqn.2016-09.com.openebs.cstor:vol1 (required).")
    String iqn;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start of the window (required).")
    String from;

    @Option(names = "--to", defaultValue = "now", paramLabel = "TIME",
            description = "End of the window (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone for local times in and out, e.g. Europe/Berlin or UTC (default: the system's).")
    String zone;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report there.")
    Path html;

    @Option(names = "--rederive", description = "Re-derive the alerts offline with the analytics' rules and the "
            + "thresholds of --config (defaults otherwise), and show them next to the alerts raised.")
    boolean rederive;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties: topics, --rederive thresholds, client settings (see below).")
    Path configFile;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "With --rederive: status read before --from "
            + "to prime baselines, counters and open episodes (default: 5 spike windows + resolve-after + stuck-IO time).")
    String warmup;

    @Option(names = "--key-partitioning", defaultValue = "default",
            paramLabel = "default|all", description = "default: producers used Kafka's default partitioner, read only "
            + "the partitions the volume's keys hash to; all: read every partition (default: ${DEFAULT-VALUE}).")
    String keyPartitioning;

    @Option(names = "--chart-points", defaultValue = "600", description = "Points per chart in the HTML report, "
            + "whatever the window's length (default: ${DEFAULT-VALUE}).")
    int chartPoints;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    private final Clock clock;
    private final ProgramDefaults defaults;

    public ReplayMain() {
        this(Clock.systemUTC(), System.getenv());
    }

    ReplayMain(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.defaults = new ProgramDefaults("REPLAY", environment, ReplaySettings.FILE_KEYS);
    }

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC(), System.getenv()).execute(args));
    }

    /** Every option from the command line, ISTGT_REPLAY_<OPTION> or the --config file, in that precedence. */
    static CommandLine commandLine(Clock clock, Map<String, String> environment) {
        ReplayMain main = new ReplayMain(clock, environment);
        return ProgramOptions.install(new CommandLine(main), main.defaults);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReplaySettings settings;
        Replay.Request request;
        ZoneId zoneId;
        try {
            zoneId = zone(zone);
            settings = ReplaySettings.of(defaults.configFile(spec).map(ConfigFile::others).orElse(Map.of()),
                    bootstrapServers, schemaRegistryUrl);
            request = request(settings, zoneId);
        } catch (IllegalArgumentException | DateTimeException | ConfigException | ConfigFileException e) {
            err.println("istgt-replay: " + defaults.withSources(spec, e.getMessage()));
            err.println("(istgt-replay --help shows every option)");
            return 2;
        }
        Progress progress = new Progress(err, clock, Duration.ofSeconds(2), !quiet);
        CountDownLatch finished = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumer());
             SchemaRegistryClient registry = settings.serde().createClient()) {
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(finished);
            }, "istgt-replay-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            HistoryReader reader = new HistoryReader(consumer, registry, ReplayTopics.of(settings.analytics()),
                    KeyPartitioning.valueOf(keyPartitioning.strip().toUpperCase(java.util.Locale.ROOT)), progress,
                    clock, Duration.ofSeconds(60), HistoryReader.historyBlockLateness(settings.analytics()));
            Replay.Result result = new Replay(reader).run(request);
            TimeFormat time = new TimeFormat(zoneId, request.from(), request.to());
            spec.commandLine().getOut().print(TextReport.render(result.timeline(), result.rederived(), time));
            spec.commandLine().getOut().flush();
            if (html != null) {
                Files.writeString(html, HtmlReport.render(result.timeline(), result.rederived(), time),
                        StandardCharsets.UTF_8);
                err.println("istgt-replay: HTML report written to " + html.toAbsolutePath());
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            return 0;
        } catch (WakeupException e) {
            err.println("istgt-replay: stopped before the end of the window");
            return 130;
        } catch (IOException e) {
            err.println("istgt-replay: cannot write the HTML report to " + html + ": " + e.getMessage());
            return 1;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("istgt-replay: Kafka at " + bootstrapServers + " did not answer in time (default.api.timeout.ms, "
                    + "30 s unless --config sets it): " + e.getMessage());
            return 1;
        } catch (KafkaException | IllegalStateException e) {
            err.println("istgt-replay: " + e.getMessage() + " (Kafka at " + bootstrapServers + ", schema registry at "
                    + schemaRegistryUrl + ")");
            return 1;
        } finally {
            finished.countDown();
            err.flush();
        }
    }

    private Replay.Request request(ReplaySettings settings, ZoneId zoneId) {
        if (iqn == null || iqn.isBlank()) {
            throw new IllegalArgumentException("--iqn is required: the volume to replay");
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--from is required: the start of the window (e.g. -30m)");
        }
        if (chartPoints < 10 || chartPoints > 5_000) {
            throw new IllegalArgumentException("--chart-points " + chartPoints + ": must be between 10 and 5000");
        }
        if (!keyPartitioning.strip().equalsIgnoreCase("default") && !keyPartitioning.strip().equalsIgnoreCase("all")) {
            throw new IllegalArgumentException("--key-partitioning " + keyPartitioning + ": must be default or all");
        }
        if (warmup != null && !rederive) {
            throw new IllegalArgumentException("--warmup only applies with --rederive");
        }
        Instant start = TimeArgument.parse("--from", from, zoneId, clock);
        Instant end = TimeArgument.parse("--to", to, zoneId, clock);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("--to (" + end + ") must be after --from (" + start + ")");
        }
        Optional<Replay.Rederive> re = Optional.empty();
        if (rederive) {
            Duration w = warmup == null ? Replay.defaultWarmup(settings.analytics())
                    : TimeArgument.parseDuration("--warmup", warmup);
            re = Optional.of(new Replay.Rederive(settings.analytics(), w,
                    configFile == null ? "the analytics' defaults" : configFile.toString()));
        }
        return new Replay.Request(iqn.strip(), start, end, chartPoints, re);
    }

    private static ZoneId zone(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone " + zone + ": " + e.getMessage(), e);
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
