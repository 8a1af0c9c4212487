package io.istgt.telemetry.sim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The program in its own JVM: it serves, takes admin events, and cleans up on SIGTERM. */
class IstgtSimProgramTest {

    @TempDir
    Path dir;

    @Test
    void shouldServeAndRemoveItsSocketsOnSigterm() throws Exception {
        Path socket = dir.resolve("istgt.sock");
        Path admin = dir.resolve("admin.sock");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                IstgtSimMain.class.getName(), "--socket", socket.toString(), "--admin-socket", admin.toString(),
                "--rebuild-time", "1s").redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            // the program says when it serves; wait for that line, bounded
            CompletableFuture.runAsync(() -> awaitLine(log, "istgt-sim serving")).get(30, TimeUnit.SECONDS);

            assertThat(converse(admin, "vol1 io-rate 5\nvol1 bogus\nquit\n")).hasSize(3).startsWith("OK").endsWith("OK");
            assertThat(converse(socket, "NOOP\nQUIT\n")).endsWith("OK NOOP", "OK QUIT");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(socket)).isFalse();
            assertThat(Files.exists(admin)).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitLine(BufferedReader log, String text) {
        try {
            String line;
            while ((line = log.readLine()) != null) {
                if (line.contains(text)) {
                    return;
                }
            }
            throw new AssertionError("istgt-sim ended before logging '" + text + "'");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> converse(Path path, String request) throws IOException {
        try (AFUNIXSocket s = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path))) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
                    .lines().toList();
        }
    }
}
