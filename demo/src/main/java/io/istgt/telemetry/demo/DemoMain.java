package io.istgt.telemetry.demo;

import io.istgt.telemetry.local.PortInUseException;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.options.ProgramOptions;
import io.istgt.telemetry.sim.event.Units;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code istgt-demo}: wires the settings, the data directory, the stop signal and one {@link DemoRun};
 * nothing else.
 */
@Command(name = "istgt-demo", mixinStandardHelpOptions = true, sortOptions = false, version = "istgt-demo 0.1.0",
        description = {
            "Runs the whole pipeline on this machine and shows it live: a Kafka broker (KRaft) and an Apicurio schema"
                + " registry as child processes on 127.0.0.1, emulated istgts playing a scenario (a replica disconnects"
                + " and comes back, an error burst, an istgt restart, recovery), the collector publishing Avro, the"
                + " analytics (Kafka Streams, exactly once) deriving alerts, and the alert forwarder taking them to"
                + " Alertmanager (Debian's, started on 127.0.0.1 when installed). The view reads the topics back and shows"
                + " each volume, the records rate, and every alert as it goes FIRING and RESOLVED; the summary says how"
                + " many notifications Alertmanager sent.",
            "Ctrl-C (or --duration) stops everything: the child processes and their process trees end, the ports are"
                + " freed and the data directory is removed unless --keep."},
        footer = {"Durations: 500ms, 30s, 2m, 1m30s.",
                "%nExit codes: 0 ran and stopped cleanly; 1 could not start or failed while running (a port in use, a"
                + " missing or old JDK, Kafka or the registry unreachable); 2 bad options."})
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after the pipeline has run this long (start-up not counted); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use this Kafka instead of starting one (the topics are created if missing).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Use this Confluent-compatible schema registry instead of starting Apicurio"
                    + " (e.g. http://localhost:8081, or Apicurio's http://host:8080/apis/ccompat/v7).")
    String schemaRegistryUrl;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client and schema registry settings for an existing, secured cluster (with"
                    + " --bootstrap-servers; Java properties: security.protocol, sasl.*, ssl.*, schema.registry.ssl.*, basic.auth.*;"
                    + " secrets as ${file:...} through Kafka's config providers), given to every client of the run."
                    + " docs/security.md lists the ACLs.")
    Path clientConfig;

    @Option(names = "--alertmanager", paramLabel = "URL",
            description = "Forward the alerts to this Alertmanager instead of starting one (by default the demo starts"
                    + " Debian's prometheus-alertmanager on 127.0.0.1 when it is installed and counts the notifications"
                    + " it sends; sudo apt-get install prometheus-alertmanager).")
    String alertmanager;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".demo-data",
            description = "Broker data, logs (demo.log, the broker's and the registry's) and streams state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--keep", description = "Keep the data directory at the end (it is also kept when the run fails).")
    boolean keep;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the embedded broker on 127.0.0.1 (default: any free port).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the embedded registry on 127.0.0.1 (default: any free port).")
    int registryPort;

    @Option(names = "--volumes", paramLabel = "N", defaultValue = "4",
            description = "Emulated volumes, one istgt each, 3 replicas each (default: ${DEFAULT-VALUE}).")
    int volumes;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A scenario file (format: docs/emulator.md) instead of the built-in one; offsets count from"
                    + " when the pipeline is up.")
    Path scenario;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "The collector's poll interval (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--rebuild-time", paramLabel = "DURATION", defaultValue = "8s",
            description = "How long an emulated replica stays Degraded after it connects (default: ${DEFAULT-VALUE}).")
    Duration rebuildTime;

    @Option(names = "--resolve-after", paramLabel = "DURATION", defaultValue = "5s",
            description = "The analytics' alert.resolve.after.ms: an alert resolves once its condition has been false"
                    + " this long (default: ${DEFAULT-VALUE}; the analytics' own default is 2m).")
    Duration resolveAfter;

    @Option(names = "--view", paramLabel = "auto|ansi|plain", defaultValue = "auto",
            description = "auto: a live screen on a terminal, plain lines otherwise; ansi; plain (default: ${DEFAULT-VALUE}).")
    DemoSettings.ViewMode view;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of any of these options as <option>=<value> (duration=150s, keep=true).")
    Path config;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Map<String, String> environment;
    private final ProgramDefaults defaults;

    DemoMain(PrintStream out, Map<String, String> environment) {
        this.out = out;
        this.environment = environment;
        this.defaults = new ProgramDefaults("DEMO", environment, OtherKeys.none());
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.getenv()).execute(args));
    }

    static CommandLine commandLine(PrintStream out, Map<String, String> environment) {
        DemoMain demo = new DemoMain(out, environment);
        CommandLine cli = new CommandLine(demo);
        cli.registerConverter(Duration.class, text -> {
            try {
                return Units.duration(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return ProgramOptions.install(cli, demo.defaults);
    }

    @Override
    public Integer call() {
        DemoSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("istgt-demo: " + defaults.withSources(spec, e.getMessage()));
            return 2;
        }
        DataDirectory data;
        try {
            DataDirectory.Prepared prepared = DataDirectory.prepare(settings.dataDir());
            data = prepared.dir();
            out.println("istgt-demo: data in " + data.root() + (settings.keep() ? " (kept: --keep)" : " (removed at the end;"
                    + " --keep keeps it)") + (prepared.removedPrevious() ? "; a previous run's data there was removed" : ""));
        } catch (RuntimeException e) {
            System.err.println("istgt-demo: " + e.getMessage());
            return 1;
        }
        // Before the first logger exists: the demo logs to its data directory, the screen is the view's.
        System.setProperty("istgt.demo.log", data.resolve("demo.log").toString());
        System.setProperty("logback.configurationFile", "istgt-demo-logback.xml");
        // Avro 1.12 only reads into generated classes of trusted packages.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", System.getProperty(
                "org.apache.avro.SERIALIZABLE_PACKAGES", "io.istgt.telemetry.schemas"));

        CountDownLatch stop = new CountDownLatch(1);
        onStopSignal(() -> {
            if (stop.getCount() == 0) {
                out.println("\nistgt-demo: second interrupt: killing everything now");
                System.exit(130);
            }
            out.println("\nistgt-demo: stopping (Ctrl-C again to kill at once)");
            stop.countDown();
        });
        int code;
        try (DemoRun run = new DemoRun(settings, data, out, terminal(), columns())) {
            try {
                code = run.run(stop);
            } catch (PortInUseException e) {
                out.println("istgt-demo: " + e.getMessage() + " (set --kafka-port / --registry-port, or leave them"
                        + " unset for any free port)");
                code = 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 1;
            } catch (Exception e) {
                out.println("istgt-demo: cannot run: " + e.getMessage());
                org.slf4j.LoggerFactory.getLogger(DemoMain.class).error("the demo failed", e);
                code = 1;
            }
        }
        if (code == 0 && !settings.keep()) {
            data.remove();
            out.println("removed " + data.root());
        } else {
            out.println("kept " + data.root() + " (logs: demo.log, kafka/server-1.log, apicurio-registry.log,"
                    + " alertmanager/alertmanager.log)");
        }
        return code;
    }

    /** The settings the parsed options (and their defaults) say; a bad value throws naming its option. */
    DemoSettings settings() {
        return new DemoSettings(Optional.ofNullable(duration), Optional.ofNullable(bootstrapServers),
                Optional.ofNullable(schemaRegistryUrl), dataDir, keep, kafkaPort, registryPort, volumes,
                Optional.ofNullable(scenario), pollInterval, rebuildTime, resolveAfter, view,
                Optional.ofNullable(clientConfig), Optional.ofNullable(alertmanager));
    }

    /** Whether stdout is a terminal the live screen can draw on. */
    private boolean terminal() {
        if ("dumb".equals(environment.get("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+: a Console exists even when redirected; isTerminal() tells.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException java21) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private int columns() {
        try {
            return Integer.parseInt(environment.getOrDefault("COLUMNS", "120").strip());
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /**
     * Ctrl-C and SIGTERM ask the run to stop in order (the collector before the broker it writes to) instead of
     * running every shutdown hook at once. Through sun.misc.Signal (module jdk.unsupported), looked up
     * reflectively; where it is missing, a shutdown hook asks for the stop instead.
     */
    private static void onStopSignal(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "istgt-demo stop handler";
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : new String[] {"INT", "TERM"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "istgt-demo-stop"));
        }
    }
}
