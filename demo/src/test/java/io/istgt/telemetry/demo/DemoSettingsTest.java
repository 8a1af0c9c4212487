package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoSettingsTest {

    /** One option's default: what --help says of it, and the value it gives the settings. */
    private record Default(String option, String helpSays, Function<DemoSettings, Object> value, Object is) {
    }

    /** Every default the demo documents, as its --help words it. */
    private static final List<Default> DOCUMENTED = List.of(
            new Default("--duration", "default: until Ctrl-C", DemoSettings::duration, Optional.empty()),
            new Default("--bootstrap-servers", "instead of starting one", DemoSettings::embeddedKafka, true),
            new Default("--schema-registry-url", "instead of starting Apicurio", DemoSettings::embeddedRegistry, true),
            new Default("--client-config", "Kafka client and schema registry settings", DemoSettings::clientConfig, Optional.empty()),
            new Default("--alertmanager", "instead of starting one", DemoSettings::alertmanager, Optional.empty()),
            new Default("--data-dir", "(default: .demo-data)", DemoSettings::dataDir, Path.of(".demo-data")),
            new Default("--keep", "Keep the data directory at the end", DemoSettings::keep, false),
            new Default("--kafka-port", "(default: any free port)", DemoSettings::kafkaPort, 0),
            new Default("--registry-port", "(default: any free port)", DemoSettings::registryPort, 0),
            new Default("--volumes", "(default: 4)", DemoSettings::volumes, 4),
            new Default("--scenario", "instead of the built-in one", DemoSettings::scenario, Optional.empty()),
            new Default("--poll-interval", "(default: 1s)", DemoSettings::pollInterval, Duration.ofSeconds(1)),
            new Default("--rebuild-time", "(default: 8s)", DemoSettings::rebuildTime, Duration.ofSeconds(8)),
            new Default("--resolve-after", "(default: 5s;", DemoSettings::resolveAfter, Duration.ofSeconds(5)),
            new Default("--view", "(default: auto)", DemoSettings::view, DemoSettings.ViewMode.AUTO));

    @Test
    void shouldAcceptTheDefaults() {
        CommandLine cli = DemoMain.commandLine(new PrintStream(OutputStream.nullOutputStream()), Map.of());
        cli.parseArgs();
        DemoSettings settings = ((DemoMain) cli.getCommand()).settings();
        cli.getCommandSpec().usageMessage().width(1000);
        String help = new CommandLine.Help(cli.getCommandSpec(),
                CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)).optionList();

        assertThat(DOCUMENTED).extracting(Default::option).as("every option")
                .containsExactlyElementsOf(cli.getCommandSpec().options().stream().map(o -> o.longestName())
                        // --config is where options come from, not a setting of the demo
                        .filter(n -> !n.equals("--help") && !n.equals("--version") && !n.equals("--config")).toList());
        for (Default d : DOCUMENTED) {
            assertThat(descriptionOf(help, d.option())).as("--help on %s", d.option()).contains(d.helpSays());
            assertThat(d.value().apply(settings)).as("the default of %s", d.option()).isEqualTo(d.is());
        }
    }

    @Test
    void shouldTakeOptionsFromTheEnvironmentOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("demo.properties"), "volumes=6\nkeep=true\npoll-interval=2s\n");
        CommandLine cli = DemoMain.commandLine(new PrintStream(OutputStream.nullOutputStream()),
                Map.of("ISTGT_DEMO_CONFIG", file.toString(), "ISTGT_DEMO_POLL_INTERVAL", "3s"));

        cli.parseArgs("--volumes", "5");
        DemoSettings settings = ((DemoMain) cli.getCommand()).settings();

        assertThat(settings.volumes()).as("command line over file").isEqualTo(5);
        assertThat(settings.pollInterval()).as("environment over file").isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.keep()).as("file over default").isTrue();
    }

    @Test
    void shouldNameTheVariableOfAValueTheSettingsRefuse() {
        CommandLine cli = DemoMain.commandLine(new PrintStream(OutputStream.nullOutputStream()),
                Map.of("ISTGT_DEMO_VOLUMES", "0"));
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));

        assertThat(cli.execute()).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("istgt-demo: --volumes must be 1..50, got 0 (--volumes from environment"
                + " ISTGT_DEMO_VOLUMES)" + System.lineSeparator());
    }

    @Test
    void shouldRefuseAKafkaPortWithAnExistingClusterNamingBothOptions() {
        assertThatThrownBy(() -> settings(Optional.of("kafka:9092"), Optional.empty(), 9092, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--kafka-port is for the embedded broker and conflicts with --bootstrap-servers kafka:9092");
    }

    @Test
    void shouldRefuseARegistryUrlThatIsNotHttp() {
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.of("registry:8081"), 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--schema-registry-url must be an http(s) URL of a Confluent-compatible API");
    }

    @Test
    void shouldTakeAnExistingAlertmanagerFromTheEnvironmentAndRefuseOneThatIsNoUrl() {
        CommandLine cli = DemoMain.commandLine(new PrintStream(OutputStream.nullOutputStream()),
                Map.of("ISTGT_DEMO_ALERTMANAGER", "http://alertmanager:9093"));
        cli.parseArgs();

        assertThat(((DemoMain) cli.getCommand()).settings().alertmanager()).contains("http://alertmanager:9093");

        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine bad = DemoMain.commandLine(new PrintStream(OutputStream.nullOutputStream()), Map.of());
        bad.setErr(new java.io.PrintWriter(err, true));
        assertThat(bad.execute("--alertmanager", "alertmanager:9093")).isEqualTo(2);
        assertThat(err.toString()).startsWith("istgt-demo: --alertmanager must be the http(s) URL of an Alertmanager"
                + " (e.g. http://alertmanager:9093), got alertmanager:9093");
    }

    @Test
    void shouldBoundTheVolumes() {
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), 0, 0))
                .hasMessage("--volumes must be 1..50, got 0");
    }

    /** The text --help gives {@code option}: from its name to the next option's. */
    private static String descriptionOf(String help, String option) {
        String text = String.join(" ", help.split("\\s+"));
        int at = text.indexOf(option);
        assertThat(at).as("%s in --help: %s", option, text).isNotNegative();
        int end = DOCUMENTED.stream().map(d -> text.indexOf(d.option(), at + option.length()))
                .filter(i -> i > at).min(Integer::compare).orElse(text.length());
        return text.substring(at, end);
    }

    @Test
    void shouldRefuseClientSettingsForTheEmbeddedBrokerOrAFileNotThere(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n");
        assertThatThrownBy(() -> new DemoSettings(Optional.empty(), Optional.empty(), Optional.empty(),
                Path.of(".demo-data"), false, 0, 0, 4, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(5), DemoSettings.ViewMode.PLAIN, Optional.of(file), Optional.empty()))
                .hasMessage("--client-config " + file + " is for an existing cluster: give its --bootstrap-servers"
                        + " too (the embedded broker takes no credentials)");
        assertThatThrownBy(() -> new DemoSettings(Optional.empty(), Optional.of("kafka:9093"), Optional.empty(),
                Path.of(".demo-data"), false, 0, 0, 4, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(5), DemoSettings.ViewMode.PLAIN, Optional.of(dir.resolve("missing.properties")),
                Optional.empty()))
                .hasMessage("--client-config " + dir.resolve("missing.properties") + ": no readable file there");
    }

    private static DemoSettings settings(Optional<String> kafka, Optional<String> registry, int kafkaPort, int volumes) {
        return new DemoSettings(Optional.of(Duration.ofSeconds(60)), kafka, registry, Path.of(".demo-data"), false,
                kafkaPort, 0, volumes, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(5), DemoSettings.ViewMode.PLAIN, Optional.empty(), Optional.empty());
    }
}
