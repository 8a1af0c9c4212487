package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.BuildInfo;
import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.LoginDurationHistogram;
import io.istgt.telemetry.client.snapshot.QueueLengths;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaQueues;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ISTGTSTATUS: one JSON line, the design doc's schema plus {@code gitCommitHash}, {@code releaseTag}, replica
 * {@code Port}, {@code errors[].restartCount}, and, from builds with the extended counters, per-replica IO
 * error counters and {@code loginDurationHistogram}.
 */
final class IstgtStatusParser {

    private static final String COMMAND = "ISTGTSTATUS";
    private static final ReplicaId NO_GUID = ReplicaId.of("0");

    /** The reply's object, in istgt's order; the extended builds add the histogram and the IO error counters. */
    private static final ObjectShape STATUS = ObjectShape.of("gitCommitHash", "releaseTag", "loginReqCnt",
                    "loginReqSuccessCnt", "logoutReqCnt", "logoutReqSuccessCnt", "discoveryReqCnt",
                    "discoveryReqSuccessCnt", "read6Cnt", "read10Cnt", "read12Cnt", "read16Cnt", "write6Cnt",
                    "write10Cnt", "write12Cnt", "write16Cnt", "sync10Cnt", "sync16Cnt", "luWorkers")
            .then(ReplicaFields.MGMT_REQUESTS)
            .then("maintCmdQLen", "maintBlockedQLen", "cmdQLen", "blockedQLen", "loginDurationHistogram",
                    "replicas", "errors")
            .nesting("loginDurationHistogram", ObjectShape.of("boundsMs", "counts", "sumMs"))
            .nesting("replicas", ReplicaFields.REPLICA.then("waitQ", "readyQ", "blockedQ")
                    .then(ReplicaFields.MGMT_REQUESTS).then(ReplicaFields.IO_HEALTH))
            .nesting("errors", ObjectShape.of("mgmtConnErrCnt", "dataConnErrCnt", "poolGuid", "restartCount"));

    private IstgtStatusParser() {
    }

    public static IstgtStatusReply parse(List<String> payloads) throws MalformedReplyException {
        if (payloads.size() != 1) {
            throw MalformedReplyException.malformed(COMMAND + " should answer one JSON line, got " + payloads.size());
        }
        return Fields.read(COMMAND, payloads.get(0), STATUS, IstgtStatusParser::reply);
    }

    private static IstgtStatusReply reply(Fields f) throws MalformedReplyException {
        BuildInfo build = f.has("gitCommitHash") || f.has("releaseTag")
                ? new BuildInfo(f.text("gitCommitHash"), f.text("releaseTag"))
                : null;
        IscsiConnections iscsi = new IscsiConnections(
                f.counter("loginReqCnt"), f.counter("loginReqSuccessCnt"),
                f.counter("logoutReqCnt"), f.counter("logoutReqSuccessCnt"),
                f.counter("discoveryReqCnt"), f.counter("discoveryReqSuccessCnt"),
                f.counter("luWorkers"),
                histogram(f.object("loginDurationHistogram")),
                null);
        ScsiCommandCounts commands = new ScsiCommandCounts(
                f.counter("read6Cnt"), f.counter("read10Cnt"), f.counter("read12Cnt"), f.counter("read16Cnt"),
                f.counter("write6Cnt"), f.counter("write10Cnt"), f.counter("write12Cnt"), f.counter("write16Cnt"),
                f.counter("sync10Cnt"), f.counter("sync16Cnt"));
        QueueLengths queues = new QueueLengths(f.counter("maintCmdQLen"), f.counter("maintBlockedQLen"),
                f.counter("cmdQLen"), f.counter("blockedQLen"));
        if (!f.has("replicas")) {
            throw f.missing("replicas");
        }
        List<ReplicaSnapshot> replicas = new ArrayList<>();
        for (Fields r : f.objects("replicas")) {
            ReplicaQueues q = new ReplicaQueues(r.counter("waitQ"), r.counter("readyQ"), r.counter("blockedQ"));
            replicas.add(ReplicaFields.replica(r, q, ReplicaFields.mgmtRequests(r), null, ReplicaFields.ioHealth(r)));
        }
        Map<ReplicaId, ReplicaErrorCounts> errors = new LinkedHashMap<>();
        int withoutGuid = 0;
        for (Fields e : f.objects("errors")) {
            ReplicaId guid = e.replicaId("poolGuid");
            ReplicaErrorCounts counts = new ReplicaErrorCounts(
                    e.counter("mgmtConnErrCnt"), e.counter("dataConnErrCnt"), e.counter("restartCount"));
            if (guid.equals(NO_GUID)) {
                withoutGuid++;
            } else {
                errors.merge(guid, counts, IstgtStatusParser::add);
            }
        }
        return new IstgtStatusReply(build, iscsi, commands, queues, ReplicaFields.mgmtRequests(f), replicas, errors,
                withoutGuid);
    }

    private static LoginDurationHistogram histogram(Fields h) throws MalformedReplyException {
        if (h == null) {
            return null;
        }
        List<Long> bounds = h.counters("boundsMs");
        List<Long> counts = h.counters("counts");
        Long sum = h.counter("sumMs");
        if (bounds == null || counts == null || sum == null) {
            throw MalformedReplyException.malformed(h.where() + " needs boundsMs, counts and sumMs");
        }
        try {
            return new LoginDurationHistogram(bounds, counts, sum);
        } catch (IllegalArgumentException e) {
            throw new MalformedReplyException(Problem.MALFORMED_JSON, h.where() + ": " + e.getMessage(), e);
        }
    }

    private static ReplicaErrorCounts add(ReplicaErrorCounts a, ReplicaErrorCounts b) {
        return new ReplicaErrorCounts(sum(a.mgmtConnErrors(), b.mgmtConnErrors()),
                sum(a.dataConnErrors(), b.dataConnErrors()), sum(a.restartCount(), b.restartCount()));
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : a + b;
    }
}
