package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.BuildInfo;
import io.istgt.telemetry.client.snapshot.LoginDurationHistogram;
import io.istgt.telemetry.client.snapshot.MgmtRequestCounts;
import io.istgt.telemetry.client.snapshot.QueueLengths;
import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaIoHealth;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaQueues;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class IstgtStatusParserTest {

    static String afterIo() {
        return payloads(reply("pr263-03-ISTGTSTATUS-after-io.raw")).get(0);
    }

    @Test
    void shouldReadTheTargetCountersOfTheAfterIoCapture() throws Exception {
        IstgtStatusReply s = IstgtStatusParser.parse(List.of(afterIo()));

        assertThat(s.build()).isEqualTo(new BuildInfo("35d6e81affcfa53fb6d2f9d30a155d9f78a5987f", "1.1.0-RC1-13-g35d6e81"));
        assertThat(s.commands()).isEqualTo(new ScsiCommandCounts(0L, 512L, 0L, 9213L, 0L, 768L, 0L, 0L, 0L, 0L));
        assertThat(s.iscsi().loginRequests()).isEqualTo(5L);
        assertThat(s.iscsi().loginSuccesses()).isEqualTo(5L);
        assertThat(s.iscsi().logoutRequests()).isEqualTo(5L);
        assertThat(s.iscsi().logoutSuccesses()).isEqualTo(5L);
        assertThat(s.iscsi().discoveryRequests()).isZero();
        assertThat(s.iscsi().discoverySuccesses()).isZero();
        assertThat(s.iscsi().luWorkers()).isEqualTo(6L);
        assertThat(s.iscsi().loginDurations()).isNull();
        assertThat(s.iscsi().sessions()).isNull();
        assertThat(s.mgmtRequests()).isEqualTo(new MgmtRequestCounts(1L, 0L, 1L, 0L, 3L, 3L, 3L, 3L));
        assertThat(s.queues()).isEqualTo(new QueueLengths(0L, 0L, 0L, 0L));
    }

    @Test
    void shouldReadEveryReplicaAndItsErrors() throws Exception {
        IstgtStatusReply s = IstgtStatusParser.parse(List.of(afterIo()));

        assertThat(s.replicas()).extracting(ReplicaSnapshot::id)
                .containsExactly(ReplicaId.of("6161"), ReplicaId.of("6162"), ReplicaId.of("6163"));
        ReplicaSnapshot r = s.replicas().get(1);
        assertThat(r.mode()).isEqualTo(ReplicaMode.HEALTHY);
        assertThat(r.address()).isEqualTo("127.0.0.1");
        assertThat(r.port()).isEqualTo(41110);
        assertThat(r.upTimeSeconds()).isEqualTo(74L);
        assertThat(r.queues()).isEqualTo(new ReplicaQueues(0L, 0L, 0L));
        assertThat(r.mgmtRequests()).isEqualTo(new MgmtRequestCounts(0L, 0L, 1L, 0L, 1L, 1L, 1L, 1L));
        assertThat(r.ioTimes()).isNull();
        assertThat(r.ioHealth()).isNull();
        assertThat(s.errors()).containsOnlyKeys(ReplicaId.of("6161"), ReplicaId.of("6162"), ReplicaId.of("6163"));
        assertThat(s.errors().get(ReplicaId.of("6162"))).isEqualTo(new ReplicaErrorCounts(0L, 0L, 0L));
        assertThat(s.errorEntriesWithoutGuid()).isZero();
    }

    @Test
    void shouldReadTheBeforeIoCaptureAsAllZero() throws Exception {
        IstgtStatusReply s = IstgtStatusParser.parse(payloads(reply("pr263-01-ISTGTSTATUS-before-io.raw")));

        assertThat(s.commands()).isEqualTo(new ScsiCommandCounts(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        assertThat(s.replicas()).extracting(ReplicaSnapshot::mode).containsOnly(ReplicaMode.DEGRADED);
        assertThat(s.replicas()).extracting(ReplicaSnapshot::upTimeSeconds).containsExactly(5L, 4L, 3L);
    }

    @Test
    void shouldReadTheExtendedCountersWhenPresent() throws Exception {
        String extended = afterIo()
                .replace("\"replicaId\": \"6161\",", "\"replicaId\": \"6161\", \"readTimeoutCnt\": \"1\", "
                        + "\"writeTimeoutCnt\": \"2\", \"syncTimeoutCnt\": \"3\", \"readFailCnt\": \"4\", "
                        + "\"writeFailCnt\": \"5\", \"syncFailCnt\": \"6\", \"readVersionMismatchCnt\": \"7\", "
                        + "\"writeVersionMismatchCnt\": \"8\", \"syncVersionMismatchCnt\": \"9\", "
                        + "\"readIOTimeNs\": \"1000\", \"writeIOTimeNs\": \"2000\", \"syncIOTimeNs\": \"3000\",")
                .replace("\"luWorkers\": 6,", "\"luWorkers\": 6, \"loginDurationHistogram\": { \"boundsMs\": "
                        + "[1,5,10,50,100,500,1000,5000], \"counts\": [\"0\",\"2\",\"1\",\"1\",\"0\",\"0\",\"0\",\"0\",\"1\"], "
                        + "\"sumMs\": \"6042\" },");

        IstgtStatusReply s = IstgtStatusParser.parse(List.of(extended));

        assertThat(s.replicas().get(0).ioHealth()).isEqualTo(new ReplicaIoHealth(
                new ReadWriteSync(1L, 2L, 3L), new ReadWriteSync(4L, 5L, 6L), new ReadWriteSync(7L, 8L, 9L),
                new ReadWriteSync(1000L, 2000L, 3000L)));
        assertThat(s.replicas().get(1).ioHealth()).isNull();
        assertThat(s.iscsi().loginDurations()).isEqualTo(new LoginDurationHistogram(
                List.of(1L, 5L, 10L, 50L, 100L, 500L, 1000L, 5000L), List.of(0L, 2L, 1L, 1L, 0L, 0L, 0L, 0L, 1L), 6042L));
        assertThat(s.iscsi().loginDurations().total()).isEqualTo(5L);
    }

    @Test
    void shouldKeepAPartlyGivenExtendedGroupPartlyAbsent() throws Exception {
        String extended = afterIo().replace("\"replicaId\": \"6161\",", "\"replicaId\": \"6161\", \"writeFailCnt\": 2,");

        ReplicaIoHealth h = IstgtStatusParser.parse(List.of(extended)).replicas().get(0).ioHealth();

        assertThat(h).isEqualTo(new ReplicaIoHealth(null, new ReadWriteSync(null, 2L, null), null, null));
    }

    @Test
    void shouldRejectAHistogramWithoutTheOverflowBucket() {
        String extended = afterIo().replace("\"luWorkers\": 6,", "\"luWorkers\": 6, \"loginDurationHistogram\": "
                + "{ \"boundsMs\": [1,5], \"counts\": [\"1\",\"2\"], \"sumMs\": \"3\" },");

        assertThatThrownBy(() -> IstgtStatusParser.parse(List.of(extended)))
                .hasMessage("ISTGTSTATUS loginDurationHistogram: a login duration histogram needs one count more than "
                        + "bounds (the last counts overflows), got 2 bounds and 2 counts");
    }

    @Test
    void shouldAddUpErrorEntriesOfOneGuidAndCountThoseWithoutOne() throws Exception {
        String more = afterIo().replace("\"errors\": [ ", "\"errors\": [ { \"mgmtConnErrCnt\": \"2\", "
                + "\"dataConnErrCnt\": 1, \"poolGuid\": \"6161\", \"restartCount\": \"1\" }, { \"mgmtConnErrCnt\": \"1\", "
                + "\"dataConnErrCnt\": 0, \"poolGuid\": \"0\" }, ");

        IstgtStatusReply s = IstgtStatusParser.parse(List.of(more));

        assertThat(s.errors().get(ReplicaId.of("6161"))).isEqualTo(new ReplicaErrorCounts(2L, 1L, 1L));
        assertThat(s.errorEntriesWithoutGuid()).isEqualTo(1);
    }

    @Test
    void shouldReportALineCutAtIstgtsLimitAsTruncated() {
        String line = fiveReplicaLine();
        assertThat(line.length()).isGreaterThan(4096);
        // istgt formats "ISTGTSTATUS  <json>" into 4096 bytes: the payload keeps what is left after the word.
        String cut = line.substring(0, 4096 - "ISTGTSTATUS  ".length() - 1);

        assertThatThrownBy(() -> IstgtStatusParser.parse(List.of(cut)))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.TRUNCATED_JSON))
                .hasMessage("ISTGTSTATUS JSON is truncated: it stops after 4082 bytes without closing (the line "
                        + "reached istgt's 4096-byte limit: too many replicas for one line?); istgt cuts reply lines "
                        + "at 4096 bytes without a marker");
    }

    /** ISTGTSTATUS as an istgt with more replicas would send it before its cut: longer than 4096 bytes. */
    static String fiveReplicaLine() {
        String line = afterIo();
        int start = line.indexOf("{ \"replicaId\": \"6163\"");
        int end = line.indexOf(" ], \"errors\"");
        String third = line.substring(start, end);
        StringBuilder more = new StringBuilder(line.substring(0, end));
        for (int id = 6164; more.length() < 4200; id++) {
            more.append(", ").append(third.replace("6163", String.valueOf(id)));
        }
        return more + line.substring(end);
    }
}
