package io.istgt.telemetry.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The istgt.conf beside each emulated istgt's socket: RF, CF and DRF per volume, as cStor writes the file. */
class IstgtConfTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));

    @Test
    void shouldWriteTheFileBesideTheSocketAsCstorDoes() {
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                SimConfig.builder().clock(clock).build())) {

            assertThat(istgt.confPath()).isEqualTo(dir.resolve("istgt.sock.conf"));
            String conf = read(istgt.confPath());
            assertThat(conf).startsWith("""
                    # Global section
                    [Global]
                      NodeBase iqn.2016-09.com.openebs.cstor
                      PidFile "/var/run/istgt.pid"
                    """);
            assertThat(conf).contains("""
                    # PortalGroup section
                    [PortalGroup1]
                      Portal DA1 127.0.0.1:3260
                    """);
            assertThat(conf).endsWith("""
                    # LogicalUnit section
                    [LogicalUnit1]
                      TargetName vol1
                      TargetAlias nicknamefor-vol1
                      Mapping PortalGroup1 InitiatorGroup1
                      AuthMethod None
                      AuthGroup None
                      UseDigest Auto
                      ReadOnly No
                      DesiredReplicationFactor 3
                      ReplicationFactor 3
                      ConsistencyFactor 2
                      UnitType Disk
                      UnitOnline Yes
                      BlockLength 512
                      QueueDepth 32
                      Luworkers 6
                      UnitInquiry "OpenEBS" "iscsi" "0" "%s"
                      PhysRecordLength 4096
                      LUN0 Storage 1Gi 32k
                      LUN0 Option Unmap Disable
                      LUN0 Option WZero Disable
                      LUN0 Option ATS Disable
                      LUN0 Option XCOPY Disable
                    """.formatted(uid(conf)));
        }
        assertThat(dir.resolve("istgt.sock.conf")).doesNotExist();
    }

    @Test
    void shouldGiveEachVolumeItsSectionWithItsFactors() {
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                SimConfig.builder().clock(clock).rf(5).cf(3).replicas(5).volumesPerTarget(2).build())) {

            String conf = read(istgt.confPath());

            assertThat(section(conf, "[LogicalUnit1]")).contains("  TargetName vol1\n",
                    "  DesiredReplicationFactor 5\n  ReplicationFactor 5\n  ConsistencyFactor 3\n");
            assertThat(section(conf, "[LogicalUnit2]")).contains("  TargetName vol2\n",
                    "  DesiredReplicationFactor 5\n  ReplicationFactor 5\n  ConsistencyFactor 3\n");
        }
    }

    @Test
    void shouldRewriteDesiredReplicationFactorOnADrfCommand() {
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                SimConfig.builder().clock(clock).build())) {
            clock.advance(Duration.ofSeconds(7));

            String reply = ControlClient.converse(istgt.socketPath(), "DRF vol1 4\nQUIT\n");
            assertThat(Replies.lines(reply)).contains("OK DRF");
            assertThat(read(istgt.confPath())).contains("  DesiredReplicationFactor 4\n  ReplicationFactor 3\n"
                    + "  ConsistencyFactor 2\n");

            // refused and unknown volumes leave the file alone; a restart keeps what was set
            reply = ControlClient.converse(istgt.socketPath(), "DRF vol1 6\nDRF vol9 2\nQUIT\n");
            assertThat(Replies.lines(reply)).contains(
                    "ERR desired replication factor(6) can not be greater than MAXREPLICA(5)");
            istgt.restart();
            assertThat(read(istgt.confPath())).contains("  DesiredReplicationFactor 4\n");
            assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
        }
    }

    @Test
    void shouldKeepOneFilePerIstgtInASharedDirectory() {
        try (SimulatorCluster cluster = SimulatorCluster.start(dir, 3, SimConfig.builder().clock(clock).build())) {
            for (String volume : cluster.volumes()) {
                EmulatedIstgt istgt = cluster.targetOf(volume).orElseThrow();

                assertThat(istgt.confPath()).isEqualTo(dir.resolve(volume + ".sock.conf"));
                assertThat(read(istgt.confPath())).contains("  TargetName " + volume + "\n")
                        .containsOnlyOnce("[LogicalUnit");
            }
            ControlClient.converse(cluster.targetOf(cluster.volumes().get(1)).orElseThrow().socketPath(),
                    "DRF " + cluster.volumes().get(1) + " 2\nQUIT\n");

            List<String> drfs = cluster.volumes().stream().map(v -> section(read(dir.resolve(v + ".sock.conf")),
                    "[LogicalUnit1]").lines().filter(l -> l.contains("DesiredReplicationFactor")).findFirst()
                    .orElseThrow()).toList();
            assertThat(drfs).containsExactly("  DesiredReplicationFactor 3", "  DesiredReplicationFactor 2",
                    "  DesiredReplicationFactor 3");
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String section(String conf, String header) {
        int start = conf.indexOf(header);
        assertThat(start).as("section %s in\n%s", header, conf).isNotNegative();
        int end = conf.indexOf("\n[", start + header.length());
        return end < 0 ? conf.substring(start) : conf.substring(start, end + 1);
    }

    private static String uid(String conf) {
        String line = conf.lines().filter(l -> l.startsWith("  UnitInquiry")).findFirst().orElseThrow();
        String uid = line.substring(line.lastIndexOf(" \"") + 2, line.length() - 1);
        assertThat(uid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        return uid;
    }
}
