package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import io.istgt.telemetry.client.snapshot.QueueLengths;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** A human-readable summary of a snapshot, like {@code istgtcontrol}'s. Absent values print as {@code -}. */
final class SnapshotText {

    private SnapshotText() {
    }

    static String format(IstgtSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("istgt ").append(s.istgtVersion()).append(" at ").append(s.socketPath()).append('\n');
        b.append("  collected ").append(s.collectedAt()).append(" with the ")
                .append(s.commandSet().name().toLowerCase(Locale.ROOT)).append(" command set");
        // An ISTGTSTATUS build may send both as empty strings (capture pr263-05): the build is then not said.
        String tag = said(s.build() == null ? null : s.build().releaseTag());
        String hash = said(s.build() == null ? null : s.build().gitCommitHash());
        if (tag != null || hash != null) {
            b.append(", build ").append(v(tag)).append(" (").append(v(hash)).append(')');
        }
        b.append('\n');
        for (VolumeSnapshot volume : s.volumes()) {
            volume(b, volume);
        }
        iscsi(b, s.iscsi());
        io(b, s);
        QueueLengths q = s.queues();
        if (q != null) {
            b.append("queues: cmd ").append(v(q.cmdQLen())).append(", blocked ").append(v(q.blockedQLen()))
                    .append(", maint cmd ").append(v(q.maintCmdQLen())).append(", maint blocked ")
                    .append(v(q.maintBlockedQLen())).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static void volume(StringBuilder b, VolumeSnapshot volume) {
        TargetInfo t = volume.target();
        b.append("volume ").append(t.iqn());
        if (t.name() != null) {
            b.append(" (").append(t.name()).append(')');
        }
        b.append(": ").append(cap(t.status().name())).append(", LUN ").append(v(t.lunState())).append('\n');
        b.append("  size ").append(v(t.sizeBytes())).append(" bytes, sector ").append(v(t.sectorSizeBytes()))
                .append(", used blocks ").append(v(t.usedLogicalBlocks())).append(", up ").append(v(t.uptimeSeconds()))
                .append(" s, revision ").append(v(t.revisionCounter())).append('\n');
        if (t.io() != null) {
            b.append("  io: ").append(v(t.io().readOps())).append(" reads (").append(v(t.io().readBytes()))
                    .append(" bytes, ").append(v(t.io().totalReadTimeNs())).append(" ns), ")
                    .append(v(t.io().writeOps())).append(" writes (").append(v(t.io().writeBytes())).append(" bytes, ")
                    .append(v(t.io().totalWriteTimeNs())).append(" ns)\n");
        }
        var counts = volume.replicaCounts();
        b.append("  replicas: ").append(counts.healthy()).append(" healthy, ").append(counts.degraded())
                .append(" degraded, ").append(v(counts.offline())).append(" offline\n");
        for (ReplicaSnapshot r : volume.replicas()) {
            b.append("    ").append(r.id()).append("  ").append(cap(r.mode().name()));
            if (r.address() != null) {
                b.append("  ").append(r.address()).append(r.port() == null ? "" : ":" + r.port());
            }
            if (r.upTimeSeconds() != null) {
                b.append("  up ").append(r.upTimeSeconds()).append(" s");
            }
            if (r.inflightRead() != null) {
                b.append("  inflight r/w/s ").append(v(r.inflightRead())).append('/').append(v(r.inflightWrite()))
                        .append('/').append(v(r.inflightSync()));
            }
            if (r.ioTimes() != null) {
                b.append("  read resp ").append(v(r.ioTimes().readRespTimeNs())).append(" ns, write resp ")
                        .append(v(r.ioTimes().writeRespTimeNs())).append(" ns");
            }
            if (r.errors() != null) {
                b.append("  errors mgmt/data ").append(v(r.errors().mgmtConnErrors())).append('/')
                        .append(v(r.errors().dataConnErrors())).append(", restarts ").append(v(r.errors().restartCount()));
            }
            b.append('\n');
        }
    }

    private static void iscsi(StringBuilder b, IscsiConnections c) {
        List<IscsiSession> sessions = c.sessions();
        b.append("iscsi: ").append(sessions == null ? "-" : String.valueOf(sessions.size())).append(" sessions");
        if (c.loginRequests() != null) {
            b.append(", logins ").append(c.loginSuccesses()).append('/').append(c.loginRequests())
                    .append(", logouts ").append(v(c.logoutSuccesses())).append('/').append(v(c.logoutRequests()))
                    .append(", discoveries ").append(v(c.discoverySuccesses())).append('/')
                    .append(v(c.discoveryRequests())).append(" (succeeded/requested), LU workers ")
                    .append(v(c.luWorkers()));
        }
        b.append('\n');
        if (sessions != null) {
            for (IscsiSession s : sessions) {
                b.append("  w#").append(s.connection()).append(' ').append(s.initiatorName()).append(" (")
                        .append(s.initiatorAddress()).append(") on ").append(s.targetIqn()).append(' ')
                        .append(v(s.logicalUnit())).append(" via ").append(v(s.portal())).append('\n');
            }
        }
    }

    private static void io(StringBuilder b, IstgtSnapshot s) {
        ScsiCommandCounts c = s.io().commands();
        if (c != null) {
            Map<String, Long> byName = new LinkedHashMap<>();
            byName.put("read6", c.read6());
            byName.put("read10", c.read10());
            byName.put("read12", c.read12());
            byName.put("read16", c.read16());
            byName.put("write6", c.write6());
            byName.put("write10", c.write10());
            byName.put("write12", c.write12());
            byName.put("write16", c.write16());
            byName.put("sync10", c.sync10());
            byName.put("sync16", c.sync16());
            StringJoiner j = new StringJoiner(", ", "scsi commands: ", "\n");
            byName.forEach((name, count) -> j.add(name + " " + v(count)));
            b.append(j);
        }
        if (s.io().scsiOpcodes() != null) {
            b.append(opcodes("scsi opcodes", s.io().scsiOpcodes(), s.io().scsiOpcodesCounted()));
            b.append(opcodes("iscsi pdus", s.io().pdus(), s.io().pdusCounted()));
        }
    }

    /** STATS' list; when istgt counted more opcodes than it lists (ten at most), how many it left out. */
    private static String opcodes(String what, List<OpcodeCount> counts, int counted) {
        String prefix = what + " (started/finished" + (counts.size() < counted ? "; " + counts.size() + " of "
                + counted + " listed, the others unknown" : "") + "): ";
        StringJoiner j = new StringJoiner(", ", prefix, "\n").setEmptyValue(prefix + "none\n");
        counts.forEach(o -> j.add(o.hex() + " " + o.started() + "/" + o.finished()));
        return j.toString();
    }

    private static String cap(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The text, or null when it is absent or blank. */
    private static String said(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String v(Object value) {
        return value == null ? "-" : value.toString();
    }
}
