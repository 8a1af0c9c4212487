package io.istgt.telemetry.sim.admin;

import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.model.VolumeStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdminServerTest {

    @TempDir
    Path dir;

    @Test
    void shouldApplyEventsLineByLineAndExplainRefusals() throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                SimConfig.builder().clock(clock).build());
             AdminServer admin = AdminServer.start(dir.resolve("admin.sock"), istgt)) {
            clock.advance(Duration.ofSeconds(5));

            List<String> answers = converse(admin.path(), "vol1 replica-disconnect 6163\n"
                    + "vol1 replica-disconnect 6162\nvol1 explode\nvol2 restart\n\nquit\n");

            assertThat(answers).containsExactly("OK", "OK",
                    "ERR unknown event 'explode'; known: [replica-disconnect, replica-connect, mgmt-errors,"
                            + " data-errors, rebuild-fail, snapshot, snapshot-fail, login, logout, login-storm,"
                            + " discovery, scsi, io-rate, io-errors, restart, fault]",
                    "ERR istgt " + istgt.socketPath() + " serves no volume vol2; it serves [vol1]",
                    "OK");
            assertThat(istgt.status("vol1")).isEqualTo(VolumeStatus.OFFLINE);
        }
        assertThat(Files.exists(dir.resolve("admin.sock"))).isFalse();
    }

    @Test
    void shouldListTheEventsOnHelp() throws IOException {
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"));
             AdminServer admin = AdminServer.start(dir.resolve("admin.sock"), istgt)) {

            List<String> answers = converse(admin.path(), "help\nquit\n");

            assertThat(answers).contains("VOLUME|* replica-disconnect REPLICA_ID", "OK");
        }
    }

    private static List<String> converse(Path path, String request) throws IOException {
        try (AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            return in.lines().toList();
        }
    }
}
