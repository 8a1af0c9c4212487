package io.istgt.telemetry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));

    @Test
    void shouldServeAThousandIstgtsEachOnItsOwnSocket() {
        try (SimulatorCluster cluster = SimulatorCluster.start(dir, 1000, SimConfig.builder().clock(clock).build())) {
            clock.advance(java.time.Duration.ofSeconds(5));

            List<String> seen = new ArrayList<>();
            for (EmulatedIstgt istgt : cluster.targets()) {
                String reply = ControlClient.converse(istgt.socketPath(), "IOSTATS\nQUIT\n");
                seen.add(Replies.single(reply, "IOSTATS").get("iqn").asText());
            }

            assertThat(cluster.targets()).hasSize(1000);
            assertThat(seen).doesNotHaveDuplicates().hasSize(1000)
                    .allMatch(iqn -> iqn.matches("iqn\\.2016-09\\.com\\.openebs\\.cstor:pvc-[0-9a-f-]{36}"));
            assertThat(cluster.targets().get(7).socketPath().getFileName().toString())
                    .isEqualTo(cluster.volumes().get(7) + ".sock");
        }
        assertThat(listing()).isEmpty();
    }

    @Test
    void shouldMakeItsSocketDirectoryWhenItIsMissing() {
        Path missing = dir.resolve("run").resolve("istgt");
        try (SimulatorCluster cluster = SimulatorCluster.start(missing, 2, SimConfig.builder().clock(clock).build())) {
            assertThat(cluster.targets()).allMatch(t -> t.socketPath().getParent().equals(missing))
                    .allMatch(t -> Files.exists(t.socketPath()));
        }
    }

    @Test
    void shouldSayWhichSocketDirectoryItCannotMake() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorCluster.start(file.resolve("sub"), 1,
                        SimConfig.builder().clock(clock).build()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot create the socket directory " + file.resolve("sub"));
    }

    @Test
    void shouldUseProductionLikeGuidsBeyondLongMaxValue() {
        try (SimulatorCluster cluster = SimulatorCluster.start(dir, 3, SimConfig.builder().clock(clock).build())) {
            clock.advance(java.time.Duration.ofSeconds(5));

            String reply = ControlClient.converse(cluster.targets().get(0).socketPath(), "IOSTATS\nQUIT\n");

            JsonNode first = Replies.single(reply, "IOSTATS").get("Replicas").get(0);
            assertThat(new BigInteger(first.get("replicaId").asText()))
                    .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
            assertThat(first.get("Address").asText()).startsWith("10.244.");
        }
    }

    @Test
    void shouldListEveryVolumeOfAnIstgtServingSeveral() {
        SimConfig config = SimConfig.builder().clock(clock).volumesPerTarget(3).build();
        try (SimulatorCluster cluster = SimulatorCluster.start(dir, 7, config)) {
            clock.advance(java.time.Duration.ofSeconds(5));

            String reply = ControlClient.converse(cluster.targets().get(0).socketPath(),
                    "IOSTATS\nREPLICA\nSTATUS\nLIST\nMEMPOOL\nISTGTSTATUS\nQUIT\n");

            assertThat(cluster.targets()).hasSize(3);
            assertThat(cluster.targets().get(2).volumes()).hasSize(1);
            assertThat(Replies.json(reply, "IOSTATS")).hasSize(3);
            assertThat(Replies.json(reply, "ISTGTSTATUS")).hasSize(3);
            assertThat(Replies.single(reply, "REPLICA").get("volumeStatus")).hasSize(3);
            assertThat(Replies.single(reply, "MEMPOOL").get("mempool list").get(0).get("replica usage")).hasSize(9);
            assertThat(Replies.lines(reply).stream().filter(l -> l.matches("STATUS iqn.* REAL"))).hasSize(3);
            assertThat(Replies.lines(reply).stream().filter(l -> l.matches("LIST iqn.* LU[123]"))).hasSize(3);
        }
    }

    @Test
    void shouldRouteEventsToTheIstgtServingTheVolume() {
        try (SimulatorCluster cluster = SimulatorCluster.start(dir, 4, SimConfig.builder().clock(clock).build())) {
            clock.advance(java.time.Duration.ofSeconds(5));
            String volume = cluster.volumes().get(2);
            String replica = cluster.targets().get(2).replicaIds(volume).get(0);

            cluster.apply(volume + " replica-disconnect " + replica);

            assertThat(cluster.targets().get(2).replicaIds(volume)).hasSize(2).doesNotContain(replica);
            assertThat(cluster.targets().get(1).replicaIds(cluster.volumes().get(1))).hasSize(3);
        }
    }

    private List<Path> listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
