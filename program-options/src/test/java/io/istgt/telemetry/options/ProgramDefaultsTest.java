package io.istgt.telemetry.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ProgramDefaultsTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();
    private TestCommand command;
    private ProgramDefaults defaults;

    @Command(name = "istgt-test", mixinStandardHelpOptions = true, footer = "Exit codes: 0 done.")
    static final class TestCommand implements Callable<Integer> {
        @Option(names = "--poll-interval", defaultValue = "10s")
        String pollInterval;

        @Option(names = "--port", defaultValue = "9400")
        int port;

        @Option(names = "--keep")
        boolean keep;

        @Option(names = "--config")
        Path config;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private int run(OtherKeys otherKeys, String... args) {
        command = new TestCommand();
        defaults = new ProgramDefaults("TEST", env, otherKeys);
        CommandLine cli = ProgramOptions.install(new CommandLine(command), defaults);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(OtherKeys.none(), args);
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("test.properties"), text);
    }

    @Test
    void shouldNameTheVariableAfterTheOption() {
        ProgramDefaults sim = new ProgramDefaults("SIM", Map.of(), OtherKeys.none());

        assertThat(sim.variable("--volumes-per-target")).isEqualTo("ISTGT_SIM_VOLUMES_PER_TARGET");
        assertThat(sim.variable("config")).isEqualTo("ISTGT_SIM_CONFIG");
    }

    @Test
    void shouldRefuseAProgramNameThatIsNoVariablePart() {
        assertThatThrownBy(() -> new ProgramDefaults("istgt-sim", Map.of(), OtherKeys.none()))
                .hasMessage("program must be upper-case letters and digits, e.g. DEMO: istgt-sim");
    }

    @Test
    void shouldTakeTheDefaultWhenNothingElseSetsAnOption() {
        assertThat(run()).isZero();

        assertThat(command.pollInterval).isEqualTo("10s");
        assertThat(command.port).isEqualTo(9400);
        assertThat(defaults.sourceOf(new CommandLine(command).getCommandSpec(), "--port")).isEqualTo("the default");
    }

    @Test
    void shouldTakeTheCommandLineThenTheEnvironmentThenTheFileThenTheDefault() throws IOException {
        Path file = file("poll-interval=30s\nport=9410\nkeep=true\n");
        env.put("ISTGT_TEST_PORT", "9420");
        env.put("ISTGT_TEST_POLL_INTERVAL", "20s");

        assertThat(run("--config", file.toString(), "--poll-interval", "5s")).isZero();

        assertThat(command.pollInterval).as("command line over environment").isEqualTo("5s");
        assertThat(command.port).as("environment over file").isEqualTo(9420);
        assertThat(command.keep).as("file over default").isTrue();
    }

    @Test
    void shouldSayWhereEachValueCameFrom() throws IOException {
        Path file = file("keep=true\n");
        env.put("ISTGT_TEST_PORT", "9420");
        CommandLine cli = ProgramOptions.install(new CommandLine(new TestCommand()),
                defaults = new ProgramDefaults("TEST", env, OtherKeys.none()));

        cli.parseArgs("--config=" + file, "--poll-interval", "5s");

        assertThat(defaults.sourceOf(cli.getCommandSpec(), "--poll-interval")).isEqualTo("--poll-interval");
        assertThat(defaults.sourceOf(cli.getCommandSpec(), "--port")).isEqualTo("environment ISTGT_TEST_PORT");
        assertThat(defaults.sourceOf(cli.getCommandSpec(), "--keep")).isEqualTo("config file " + file);
    }

    @Test
    void shouldSayWhereTheOptionsAMessageNamesCameFrom() throws IOException {
        Path file = file("port=1\n");
        env.put("ISTGT_TEST_POLL_INTERVAL", "1s");
        CommandLine cli = ProgramOptions.install(new CommandLine(new TestCommand()),
                defaults = new ProgramDefaults("TEST", env, OtherKeys.none()));

        cli.parseArgs("--config", file.toString(), "--keep");

        assertThat(defaults.withSources(cli.getCommandSpec(), "--port 1 is below --poll-interval, --keep or --ports"))
                .isEqualTo("--port 1 is below --poll-interval, --keep or --ports (--poll-interval from environment"
                        + " ISTGT_TEST_POLL_INTERVAL, --port from config file " + file + ")");
        assertThat(defaults.withSources(cli.getCommandSpec(), "--keep is odd")).isEqualTo("--keep is odd");
    }

    @Test
    void shouldFindTheConfigFileThroughTheEnvironment() throws IOException {
        env.put("ISTGT_TEST_CONFIG", file("port=9410\n").toString());

        assertThat(run()).isZero();

        assertThat(command.port).isEqualTo(9410);
        assertThat(command.config).isEqualTo(dir.resolve("test.properties"));
    }

    @Test
    void shouldTakeConfigFromTheCommandLineOverTheEnvironment() throws IOException {
        env.put("ISTGT_TEST_CONFIG", dir.resolve("missing.properties").toString());

        assertThat(run("--config", file("port=9410\n").toString())).isZero();

        assertThat(command.port).isEqualTo(9410);
    }

    @Test
    void shouldTreatABlankValueAsUnset() throws IOException {
        env.put("ISTGT_TEST_PORT", "  ");
        env.put("ISTGT_TEST_CONFIG", file("poll-interval=\n").toString());

        assertThat(run()).isZero();

        assertThat(command.port).isEqualTo(9400);
        assertThat(command.pollInterval).isEqualTo("10s");
    }

    @Test
    void shouldRefuseAKeyNoOptionHasNamingTheFileTheKeyAndWhatItTakes() throws IOException {
        Path file = file("port=9410\npoll.interval=30s\nkep=true\n");

        assertThat(run("--config", file.toString(), "--port", "1", "--poll-interval", "1s", "--keep")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("istgt-test: unknown keys kep, poll.interval in config file " + file
                + " (--config): it takes the options' names without dashes (keep, poll-interval, port)"
                + System.lineSeparator());
    }

    @Test
    void shouldAcceptTheDottedKeysOfAProgramWhoseFileCarriesThem() throws IOException {
        Path file = file("port=9410\nalerts.topic=a\nacks=all\n");
        OtherKeys kafka = OtherKeys.dotted("Kafka settings (dotted keys)", Set.of("acks"));
        CommandLine cli = ProgramOptions.install(new CommandLine(new TestCommand()),
                defaults = new ProgramDefaults("TEST", env, kafka));

        cli.parseArgs("--config", file.toString());

        ConfigFile read = defaults.configFile(cli.getCommandSpec()).orElseThrow();
        assertThat(read.options()).isEqualTo(Map.of("port", "9410"));
        assertThat(read.others()).isEqualTo(Map.of("alerts.topic", "a", "acks", "all"));
    }

    @Test
    void shouldSayWhatElseTheFileTakesWhenRefusingAKey() throws IOException {
        Path file = file("retention=1d\n");

        assertThat(run(OtherKeys.dotted("Kafka settings (dotted keys)", Set.of()), "--config", file.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).isEqualTo("istgt-test: unknown key retention in config file " + file
                + " (--config): it takes the options' names without dashes (keep, poll-interval, port) and Kafka"
                + " settings (dotted keys)" + System.lineSeparator());
    }

    @Test
    void shouldNameAConfigFileThatCannotBeReadAndWhereItsNameCameFrom() {
        Path missing = dir.resolve("missing.properties");
        env.put("ISTGT_TEST_CONFIG", missing.toString());

        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).startsWith("istgt-test: cannot read config file " + missing
                + " (environment ISTGT_TEST_CONFIG): java.nio.file.NoSuchFileException");
    }

    @Test
    void shouldShowHelpWhateverTheConfigFileHolds() {
        env.put("ISTGT_TEST_CONFIG", dir.resolve("missing.properties").toString());

        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("--poll-interval");
    }

    @Test
    void shouldNameTheVariableOfAValueThatIsNoNumber() {
        env.put("ISTGT_TEST_PORT", "ninety");

        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).startsWith("Invalid value for option '--port': 'ninety' is not an int"
                + " (environment ISTGT_TEST_PORT)");
    }

    @Test
    void shouldNameTheFileOfAValueThatIsNoNumber() throws IOException {
        Path file = file("port=ninety\n");

        assertThat(run("--config", file.toString())).isEqualTo(2);

        assertThat(err.toString()).startsWith("Invalid value for option '--port': 'ninety' is not an int"
                + " (config file " + file + ")");
    }

    @Test
    void shouldLeaveTheMessageOfABadCommandLineValueAsPicocliWroteIt() {
        env.put("ISTGT_TEST_PORT", "ninety");

        assertThat(run("--port", "ninety")).isEqualTo(2);

        assertThat(err.toString()).startsWith("Invalid value for option '--port': 'ninety' is not an int"
                + System.lineSeparator());
    }

    @Test
    void shouldReadOnlyTheFileOfEachParseWhenACommandLineIsReused() throws IOException {
        Path file = file("port=9410\n");
        command = new TestCommand();
        defaults = new ProgramDefaults("TEST", env, OtherKeys.none());
        CommandLine cli = ProgramOptions.install(new CommandLine(command), defaults);

        cli.execute("--config", file.toString());
        assertThat(command.port).isEqualTo(9410);
        cli.execute();

        assertThat(command.port).isEqualTo(9400);
    }

    @Test
    void shouldEndTheHelpWithTheRuleBeforeTheCommandsOwnFooter() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("Every option can also be set by environment"
                + " variable ISTGT_TEST_<OPTION> (e.g. ISTGT_TEST_POLL_INTERVAL), the option's name upper-cased with"
                + " dashes as underscores, or in the --config file (Java properties; also ISTGT_TEST_CONFIG) as"
                + " <option>=<value> (e.g. poll-interval=10s). Precedence: command line, then environment, then config"
                + " file, then the default. The file takes no other keys. Exit codes: 0 done.");
    }

    @Test
    void shouldSayOnlyTheEnvironmentInTheFooterOfACommandWithoutConfig() {
        @Command(name = "bare")
        final class Bare implements Runnable {
            @Option(names = "--socket")
            String socket;

            @Override
            public void run() {
            }
        }
        CommandLine cli = ProgramOptions.install(new CommandLine(new Bare()),
                new ProgramDefaults("TEST", Map.of(), OtherKeys.none()));

        assertThat(String.join(" ", cli.getCommandSpec().usageMessage().footer())).isEqualTo(" Every option can also"
                + " be set by environment variable ISTGT_TEST_<OPTION> (e.g. ISTGT_TEST_SOCKET): the option's name"
                + " upper-cased, dashes as underscores. Precedence: command line, then environment, then the default.");
    }

    @Test
    void shouldFindAnOptionInTheEnvironmentBeforeTheFile() throws IOException {
        ProgramDefaults collector = new ProgramDefaults("COLLECTOR", Map.of("ISTGT_COLLECTOR_INTERVAL", "30s"),
                OtherKeys.none());
        ConfigFile file = ConfigFile.read(file("interval=20s\ntimeout=5s\n"), "--config",
                java.util.List.of("interval", "timeout"), OtherKeys.none());

        assertThat(collector.find("interval", Optional.of(file)))
                .contains(new ProgramDefaults.Found("30s", "environment ISTGT_COLLECTOR_INTERVAL"));
        assertThat(collector.find("timeout", Optional.of(file)))
                .contains(new ProgramDefaults.Found("5s", "config file " + file.path()));
        assertThat(collector.find("socket", Optional.of(file))).isEmpty();
    }
}
