package io.istgt.telemetry.collector.config;

import static io.istgt.telemetry.collector.config.RunSettings.*;

import io.istgt.telemetry.collector.run.SocketDirectoryWatcher;
import io.istgt.telemetry.options.ConfigFile;
import io.istgt.telemetry.options.ConfigFileException;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Resolves every {@link RunSettings} setting from, in this precedence: the command line, the environment
 * ({@code ISTGT_COLLECTOR_<KEY>}), the {@code --config} file, the default. Any problem fails with a message
 * naming the setting, where the value came from and what is allowed.
 *
 * <p>The environment-then-file lookup, the variables' names and the reading of the file (refusing a key no
 * setting has) are program-options' {@link ProgramDefaults}, as for every program. What stays here is what a
 * picocli default value cannot carry: each setting is parsed by its own typed parser with its source in the
 * message, lists come comma-separated from the environment and the file, some settings are mandatory, and
 * settings are checked against each other (socket against socket-dir, the two topics, the two ports).
 */
public final class SettingsResolver {

    private final ProgramDefaults defaults;
    private final Supplier<String> hostname;

    /** @param hostname the default collector id */
    public SettingsResolver(Map<String, String> environment, Supplier<String> hostname) {
        this(environment, hostname, OtherKeys.none());
    }

    /**
     * @param hostname    the default collector id
     * @param alsoInFile  the keys the config file may hold besides run's settings, left alone: the program's other
     *                    subcommands' options, so that one file serves them all
     */
    public SettingsResolver(Map<String, String> environment, Supplier<String> hostname, OtherKeys alsoInFile) {
        this.defaults = new ProgramDefaults(Setting.PROGRAM, environment, alsoInFile);
        this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    private record Raw(List<String> values, String source) {
    }

    /** @param flags the options given on the command line: key to raw values, in order */
    public RunConfig resolve(Map<String, List<String>> flags) throws SettingException {
        List<String> givenConfig = flags.get(CONFIG.key());
        Optional<ProgramDefaults.Found> configName = defaults.configFileName(
                givenConfig == null || givenConfig.isEmpty() ? null : givenConfig.getLast());
        Optional<ConfigFile> file = Optional.empty();
        if (configName.isPresent()) {
            Path path = Path.of(RunSettings.parse(CONFIG, configName.get().value(), configName.get().source()));
            try {
                file = Optional.of(ConfigFile.read(path, configName.get().source(), RunSettings.FILE_KEYS,
                        defaults.otherKeys()));
            } catch (ConfigFileException e) {
                throw new SettingException(e.getMessage());
            }
        }
        Sources sources = new Sources(flags, file);

        List<RunConfig.SocketTarget> sockets = sources.all(SOCKET);
        Optional<Path> socketDir = sources.optional(SOCKET_DIR);
        if (!sockets.isEmpty() && socketDir.isPresent()) {
            throw new SettingException("socket and socket-dir exclude each other: poll given sockets (socket) or"
                    + " every socket of a directory (socket-dir), not both");
        }
        Optional<Path> podsDir = sources.optional(KUBELET_PODS_DIR);
        if (podsDir.isPresent() && (!sockets.isEmpty() || socketDir.isPresent())) {
            throw new SettingException("kubelet-pods-dir excludes " + (sockets.isEmpty() ? "socket-dir" : "socket")
                    + ": poll every target pod of the node (kubelet-pods-dir), given sockets (socket) or a directory's"
                    + " sockets (socket-dir), one of them");
        }
        Path podSocket = sources.required(POD_SOCKET);
        if (podsDir.isPresent()) {
            requireAddressable(podsDir.get(), podSocket);
        }
        if (sockets.isEmpty() && socketDir.isEmpty() && podsDir.isEmpty()) {
            sockets = List.of(new RunConfig.SocketTarget(ControlProtocol.DEFAULT_SOCKET_PATH,
                    Path.of(ControlProtocol.DEFAULT_SOCKET_PATH)));
        }
        List<String> names = sockets.stream().map(RunConfig.SocketTarget::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new SettingException("socket: two sockets have the same target name in " + names
                    + ": give each a distinct NAME=PATH");
        }
        Duration interval = sources.required(INTERVAL);
        Duration timeout = sources.required(TIMEOUT);
        Optional<Path> producerFile = sources.optional(PRODUCER_CONFIG);
        Map<String, String> producer = producerFile.isEmpty() ? Map.of()
                : readProperties(producerFile.get(), "producer-config");
        String volumeTopic = sources.required(VOLUME_TOPIC);
        String replicaTopic = sources.required(REPLICA_TOPIC);
        if (volumeTopic.equals(replicaTopic)) {
            throw new SettingException("volume-topic and replica-topic are both '" + volumeTopic
                    + "': the two record types need their own topics");
        }
        int exporterPort = sources.required(EXPORTER_PORT);
        if (exporterPort != 0 && exporterPort == sources.required(HTTP_PORT)) {
            throw new SettingException("exporter-port and http-port are both " + exporterPort
                    + ": /metrics is served on http-port already; give exporter-port another port, or 0");
        }
        return new RunConfig(sockets, socketDir, sources.required(SOCKET_GLOB), podsDir, podSocket,
                sources.required(POD_ISTGT_CONF), sources.required(RESCAN_INTERVAL),
                sources.mandatory(BOOTSTRAP_SERVERS), sources.mandatory(SCHEMA_REGISTRY_URL), interval, timeout,
                sources.required(MAX_LINE_BYTES), sources.optional(COLLECTOR_ID).orElseGet(hostname), volumeTopic,
                replicaTopic, sources.required(TOPIC_PARTITIONS), sources.required(TOPIC_REPLICATION_FACTOR),
                sources.required(TOPIC_RETENTION), sources.required(TOPIC_COMPRESSION),
                !sources.required(NO_CREATE_TOPICS), producer, sources.required(SPOOL_DIR),
                sources.required(SPOOL_MAX_BYTES), sources.required(SPOOL_FSYNC_INTERVAL),
                sources.required(HTTP_PORT), exporterPort, sources.required(EXPORTER_SERIES), sources.required(HTTP_ADDRESS), sources.required(ISTGT_CONF),
                sources.required(SHUTDOWN_TIMEOUT));
    }

    /** A pod's uid, the name of its directory: 36 characters. */
    private static final String POD_UID = "00000000-0000-0000-0000-000000000000";

    /**
     * Fails when the sockets of {@code podsDir} would have paths longer than a unix socket address holds: they
     * could never be connected to (the kubelet's own /var/lib/kubelet/pods gives 114 bytes with cStor's layout).
     */
    private static void requireAddressable(Path podsDir, Path podSocket) throws SettingException {
        String example = podsDir.resolve(POD_UID).resolve(podSocket).toString();
        int bytes = example.getBytes(StandardCharsets.UTF_8).length;
        int max = SocketDirectoryWatcher.MAX_SOCKET_PATH_BYTES;
        if (bytes > max) {
            throw new SettingException("kubelet-pods-dir " + podsDir + " with pod-socket " + podSocket + " gives"
                    + " socket paths of " + bytes + " bytes (" + example + "), over the " + max + " a unix socket"
                    + " address holds: mount the pod directories at a path at most " + (max - (bytes
                    - podsDir.toString().getBytes(StandardCharsets.UTF_8).length)) + " bytes long (such as /pods)"
                    + " and set kubelet-pods-dir to it");
        }
    }

    private static Map<String, String> readProperties(Path path, String what) throws SettingException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingException("cannot read " + what + " file " + path + ": " + e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k.strip(), p.getProperty(k).strip()));
        return values;
    }

    /** Where each setting's value comes from. */
    private final class Sources {
        private final Map<String, List<String>> flags;
        private final Optional<ConfigFile> file;

        Sources(Map<String, List<String>> flags, Optional<ConfigFile> file) {
            this.flags = flags;
            this.file = file;
        }

        Optional<Raw> raw(Setting<?> s) {
            List<String> given = flags.get(s.key());
            if (given != null && !given.isEmpty()) {
                return Optional.of(new Raw(given, s.option()));
            }
            Optional<ProgramDefaults.Found> found = defaults.find(s.key(), file);
            if (found.isPresent()) {
                return Optional.of(new Raw(s.values(found.get().value()), found.get().source()));
            }
            return s.defaultText() == null ? Optional.empty()
                    : Optional.of(new Raw(List.of(s.defaultText()), "the default"));
        }

        <T> Optional<T> optional(Setting<T> s) throws SettingException {
            Optional<Raw> r = raw(s);
            return r.isEmpty() ? Optional.empty()
                    : Optional.of(RunSettings.parse(s, r.get().values().getLast(), r.get().source()));
        }

        <T> T required(Setting<T> s) throws SettingException {
            return optional(s).orElseThrow(() -> new IllegalStateException(s.key() + " has a default"));
        }

        <T> T mandatory(Setting<T> s) throws SettingException {
            Optional<T> v = optional(s);
            if (v.isEmpty()) {
                throw new SettingException(s.key() + " is required: set " + s.option() + ", "
                        + s.environmentVariable() + " or " + s.key() + " in the config file");
            }
            return v.get();
        }

        <T> List<T> all(Setting<T> s) throws SettingException {
            Optional<Raw> r = raw(s);
            List<T> values = new ArrayList<>();
            if (r.isPresent()) {
                for (String v : r.get().values()) {
                    values.add(RunSettings.parse(s, v, r.get().source()));
                }
            }
            return values;
        }
    }
}
