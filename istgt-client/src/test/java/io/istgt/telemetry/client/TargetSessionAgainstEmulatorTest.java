package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.fault.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session against the emulated istgt over a real unix socket: both command sets, istgt's
 * replica rules as a poll sees them, and every fault the emulator has, each giving a clear error
 * within a bounded wait, after which the next poll works.
 */
class TargetSessionAgainstEmulatorTest {

    private static final Instant START = Instant.parse("2026-11-23T20:23:24Z");
    private static final Duration TIMEOUT = Duration.ofMillis(700);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(START);
    private EmulatedIstgt istgt;
    private TargetSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (istgt != null) {
            istgt.close();
        }
    }

    private void start(SimConfig.Builder config) {
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), config.clock(clock).rebuildTime(Duration.ofSeconds(60)).build());
        session = new TargetSession(istgt.socketPath(), ClientSettings.withTimeout(TIMEOUT),
                Clock.fixed(START, ZoneOffset.UTC));
    }

    @Test
    void shouldReadADeepSnapshotOfAHealthyVolume() throws Exception {
        start(SimConfig.builder());
        clock.advance(Duration.ofSeconds(90));

        IstgtSnapshot snapshot = session.poll();

        assertThat(snapshot.commandSet()).isEqualTo(CommandSet.DEEP);
        VolumeSnapshot volume = snapshot.volumes().getFirst();
        assertThat(volume.target().iqn()).isEqualTo("iqn.2016-09.com.openebs.cstor:vol1");
        assertThat(volume.target().status().name()).isEqualToIgnoringCase("Healthy");
        assertThat(volume.replicas()).extracting(r -> r.id().value()).containsExactly("6161", "6162", "6163");
        assertThat(volume.replicas()).extracting(ReplicaSnapshot::mode).containsOnly(ReplicaMode.HEALTHY);
        assertThat(snapshot.iscsi().loginRequests()).isNotNull();
        assertThat(snapshot.build()).isNotNull();
    }

    @Test
    void shouldFallBackToTheStockCommandsOnAReleasedIstgt() throws Exception {
        start(SimConfig.builder().stock(true));
        clock.advance(Duration.ofSeconds(90));

        IstgtSnapshot snapshot = session.poll();

        assertThat(snapshot.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(snapshot.volumes().getFirst().replicas()).hasSize(3);
        // what only ISTGTSTATUS gives is absent, not zero
        assertThat(snapshot.iscsi().loginRequests()).isNull();
        assertThat(snapshot.build()).isNull();
        assertThat(session.knownCommandSet()).hasValue(CommandSet.STOCK);
    }

    @Test
    void shouldSeeADisconnectedReplicaAsAbsentAndCountItOffline() throws Exception {
        start(SimConfig.builder());
        clock.advance(Duration.ofSeconds(90));
        istgt.apply("vol1 replica-disconnect 6162");

        VolumeSnapshot volume = session.poll().volumes().getFirst();

        // istgt lists it no more, but keeps its errors[] entry: the snapshot keeps it as OFFLINE
        assertThat(volume.replicas()).filteredOn(r -> r.mode() != ReplicaMode.OFFLINE)
                .extracting(r -> r.id().value()).containsExactly("6161", "6163");
        assertThat(volume.replicas()).filteredOn(r -> r.mode() == ReplicaMode.OFFLINE)
                .extracting(r -> r.id().value()).containsExactly("6162");
        assertThat(volume.replicaCounts().healthy()).isEqualTo(2);
        assertThat(volume.replicaCounts().offline()).isEqualTo(1);
    }

    @Test
    void shouldReadAnIstgtStatusCutAt4096BytesAsTruncatedWithoutWaitingForAnOk() throws Exception {
        // given five replicas with production-sized values: ISTGTSTATUS no longer fits istgt's line buffer
        start(SimConfig.builder().rf(5).cf(3).replicas(5).ioRate(500).replicaIds(SimConfig.ReplicaIds.GUID));
        clock.advance(Duration.ofDays(1));
        istgt.apply("vol1 replica-disconnect " + istgt.replicaIds("vol1").get(4));
        istgt.apply("vol1 replica-connect 17446744073709551557");
        clock.advance(Duration.ofHours(1));
        istgt.apply("* snapshot 240");

        long started = System.nanoTime();
        IstgtSnapshot snapshot = session.poll();

        // then the poll does not hang until the timeout (no OK follows a cut line): this poll is stock, with a warning
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(snapshot.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(snapshot.warnings()).anyMatch(w -> w.contains("ISTGTSTATUS") && w.contains("truncated"));
        assertThat(snapshot.volumes().getFirst().replicas()).hasSize(5);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("stall", (Supplier<Fault>) Fault::stall, ErrorKind.TIMEOUT),
                Arguments.of("slow bytes", (Supplier<Fault>) () -> Fault.slowBytes(Duration.ofMillis(20)), ErrorKind.TIMEOUT),
                Arguments.of("garbage", (Supplier<Fault>) Fault::garbage, ErrorKind.PROTOCOL_ERROR),
                Arguments.of("JSON cut short", (Supplier<Fault>) Fault::truncatedJson, ErrorKind.JSON_TRUNCATED),
                Arguments.of("closed mid-line", (Supplier<Fault>) Fault::closeMidLine, ErrorKind.CONNECTION_CLOSED),
                Arguments.of("line of megabytes", (Supplier<Fault>) () -> Fault.hugeLine(4L << 20), ErrorKind.LINE_TOO_LONG),
                Arguments.of("not initialized", (Supplier<Fault>) Fault::notInitialized, ErrorKind.ERR_REPLY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void shouldReportEachFaultClearlyInBoundedTimeAndRecover(String name, Supplier<Fault> fault, ErrorKind expected)
            throws Exception {
        start(SimConfig.builder());
        clock.advance(Duration.ofSeconds(90));
        session.poll();
        istgt.fault(fault.get());

        long started = System.nanoTime();
        IstgtControlException e = catchThrowableOfType(IstgtControlException.class, session::poll);

        assertThat(e).as("a poll under fault '%s' fails", name).isNotNull();
        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.getMessage()).contains(istgt.socketPath().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));

        istgt.clearFault();
        assertThat(session.poll().volumes()).hasSize(1);
    }
}
