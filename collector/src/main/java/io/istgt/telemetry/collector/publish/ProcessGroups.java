package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.MgmtRequestCounts;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import io.istgt.telemetry.schemas.DurationHistogram;
import io.istgt.telemetry.schemas.IoCounters;
import io.istgt.telemetry.schemas.IscsiConnections;
import io.istgt.telemetry.schemas.IscsiSession;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.OpcodeCount;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The groups istgt reports for the whole process, and the management counts shared with the replicas. */
final class ProcessGroups {

    private ProcessGroups() {
    }

    /** Logins and LU workers (ISTGTSTATUS) and the INFO sessions logged in to {@code iqn}. */
    static IscsiConnections iscsi(io.istgt.telemetry.client.snapshot.IscsiConnections c, String iqn) {
        List<IscsiSession> sessions = c.sessions() == null ? List.of() : c.sessions().stream()
                .filter(s -> s.targetIqn().equals(iqn))
                .map(ProcessGroups::session)
                .toList();
        var h = c.loginDurations();
        // All-arguments constructors, in schema order, rather than builders (see VolumeRecordMapper).
        return new IscsiConnections(
                c.loginRequests(),
                c.loginSuccesses(),
                c.logoutRequests(),
                c.logoutSuccesses(),
                c.discoveryRequests(),
                c.discoverySuccesses(),
                c.luWorkers() == null ? null : Math.toIntExact(c.luWorkers()),
                c.sessions() == null ? null : sessions.size(),
                sessions,
                h == null ? null : DurationHistogram.newBuilder()
                        .setBoundsMs(h.boundsMs().stream().map(Long::doubleValue).toList())
                        .setCounts(h.counts())
                        .setCount(h.total())
                        .setSumMs(h.sumMs().doubleValue())
                        .build());
    }

    private static IscsiSession session(io.istgt.telemetry.client.snapshot.IscsiSession s) {
        Map<String, String> p = s.parameters();
        return IscsiSession.newBuilder()
                .setInitiatorName(s.initiatorName())
                .setInitiatorAddress(s.initiatorAddress())
                .setWorkerId(s.connection())
                .setLun(s.logicalUnit())
                .setLuOnline(s.luOnline())
                .setPortal(s.portal())
                .setIsid(p.get("ISID"))
                .setTsih(Nulls.intOrNull(p.get("TSIH")))
                .setCid(Nulls.intOrNull(p.get("CID")))
                .setHeaderDigest(p.get("HeaderDigest"))
                .setDataDigest(p.get("DataDigest"))
                .setMaxConnections(Nulls.intOrNull(p.get("MaxConnections")))
                .setFirstBurstLengthBytes(Nulls.longOrNull(p.get("FirstBurstLength")))
                .setMaxBurstLengthBytes(Nulls.longOrNull(p.get("MaxBurstLength")))
                .setMaxRecvDataSegmentLengthBytes(Nulls.longOrNull(p.get("MaxRecvDataSegmentLength")))
                .setInitialR2T(Nulls.yesNo(p.get("InitialR2T")))
                .setImmediateData(Nulls.yesNo(p.get("ImmediateData")))
                .setPendingPdus(Nulls.intOrNull(p.get("PendingPDUs")))
                .setState(Nulls.intOrNull(p.get("State")))
                .build();
    }

    /**
     * Commands by CDB size from ISTGTSTATUS; with the stock set, derived from STATS' finished counts (an opcode
     * STATS does not list is a true zero while it lists every opcode it counted, and unknown when it cut its list
     * at ten). Null where neither tells.
     */
    static IoCounters ioCounters(io.istgt.telemetry.client.snapshot.IoCounters io) {
        ScsiCommandCounts c = io.commands();
        return new IoCounters(
                c != null ? c.read6() : io.scsiFinished(0x08),
                c != null ? c.read10() : io.scsiFinished(0x28),
                c != null ? c.read12() : io.scsiFinished(0xa8),
                c != null ? c.read16() : io.scsiFinished(0x88),
                c != null ? c.write6() : io.scsiFinished(0x0a),
                c != null ? c.write10() : io.scsiFinished(0x2a),
                c != null ? c.write12() : io.scsiFinished(0xaa),
                c != null ? c.write16() : io.scsiFinished(0x8a),
                c != null ? c.sync10() : io.scsiFinished(0x35),
                c != null ? c.sync16() : io.scsiFinished(0x91),
                opcodes(io.scsiOpcodes(), OpcodeNames::scsi),
                opcodes(io.pdus(), OpcodeNames::pdu));
    }

    private static List<OpcodeCount> opcodes(List<io.istgt.telemetry.client.snapshot.OpcodeCount> counts,
                                             IntFunction<String> names) {
        return counts == null ? List.of() : counts.stream()
                .map(o -> OpcodeCount.newBuilder()
                        .setOpcode(o.opcode())
                        .setName(names.apply(o.opcode()))
                        .setStarted(o.started())
                        .setFinished(o.finished())
                        .build())
                .toList();
    }

    /** The eight counts istgt reports, or null unless all eight are there; the extended four stay null. */
    static MgmtOpCounts mgmtOps(MgmtRequestCounts m) {
        if (m == null || !Nulls.allPresent(m.snapshotCreateRequests(), m.snapshotCreateSuccesses(),
                m.snapshotPrepareRequests(), m.snapshotPrepareSuccesses(), m.startRebuildRequests(),
                m.startRebuildSuccesses(), m.prepareRebuildRequests(), m.prepareRebuildSuccesses())) {
            return null;
        }
        return new MgmtOpCounts(
                m.snapshotCreateRequests(),
                m.snapshotCreateSuccesses(),
                m.snapshotPrepareRequests(),
                m.snapshotPrepareSuccesses(),
                m.startRebuildRequests(),
                m.startRebuildSuccesses(),
                m.prepareRebuildRequests(),
                m.prepareRebuildSuccesses(),
                null,
                null,
                null,
                null);
    }
}
