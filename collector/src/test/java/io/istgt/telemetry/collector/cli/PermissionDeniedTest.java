package io.istgt.telemetry.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.istgt.telemetry.testsupport.FakeIstgt;
import io.istgt.telemetry.testsupport.IstgtReplies;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code snapshot} on a socket this user may not connect to: exit code 12 and what to do. Root bypasses file
 * permissions, and the tests run as root in CI: there the check runs the collector in a child JVM as user nobody
 * (via setpriv), against a chmod-000 socket.
 */
class PermissionDeniedTest {

    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    @Test
    void shouldReportPermissionDeniedOnAChmod000Socket() throws Exception {
        Path socket = dir.resolve("istgt.sock");
        try (FakeIstgt fake = FakeIstgt.start(socket, IstgtReplies.stockReplies())) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("---------"));
            Result result;
            if (isRoot()) {
                assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv")))
                        .as("as root, this check needs setpriv to run the client as nobody").isTrue();
                result = runAsNobody(socket);
            } else {
                result = runHere(socket);
            }

            assertThat(result.exitCode()).as(result.stderr()).isEqualTo(12);
            assertThat(result.stderr()).contains("istgt-collector: permission denied connecting to " + socket
                    + ": run as root or as the user istgt runs as");
            assertThat(fake.connections()).isZero();
        }
    }

    private static boolean isRoot() throws IOException {
        return Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid").equals(0)
                || "root".equals(System.getProperty("user.name"));
    }

    private record Result(int exitCode, String stderr) {
    }

    private static Result runHere(Path socket) {
        StringWriter err = new StringWriter();
        CommandLine cli = IstgtCollectorCommand.commandLine(Clock.systemUTC(), Map.of());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(snapshotArgs(socket).toArray(String[]::new)), err.toString());
    }

    private static List<String> snapshotArgs(Path socket) {
        return List.of("snapshot", "--socket", socket.toString(), "--timeout", "5s");
    }

    /** Runs {@code istgt-collector snapshot} as nobody, on a copy of the classpath nobody can read. */
    private Result runAsNobody(Path socket) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        List<String> classpath = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = lib.resolve((i++) + "-" + from.getFileName());
            copy(from, to);
            classpath.add(to.toString());
        }
        makeReadableByAll(lib);
        // junixsocket unpacks its native library into java.io.tmpdir: nobody must be able to write there.
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-cp", String.join(File.pathSeparator, classpath), Main.class.getName()));
        command.addAll(snapshotArgs(socket));
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the collector run as nobody did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to);
            return;
        }
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
