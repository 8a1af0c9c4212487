package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.sim.model.IscsiSession;
import io.istgt.telemetry.sim.model.IscsiStats;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.Volume;

import java.util.ArrayList;
import java.util.List;

/** The plain-text replies, each with istgt's own format string (istgt_lu_ctl.c) and separator. */
final class TextReplies {

    /** Fixed session parameters, as a libiscsi initiator negotiates them (05-after-io-INFO.raw). */
    private static final String SESSION_PARAMS = "HeaderDigest=off, DataDigest=off, MaxConnections=1,"
            + " FirstBurstLength=262144, MaxBurstLength=262144, MaxRecvDataSegmentLength=262144,"
            + " InitialR2T=Yes, ImmediateData=Yes, PendingPDUs=0, State=2";

    private TextReplies() {
    }

    /** INFO [iqn]: one line per session ({@code %s w#%d: Login from ...}), or {@code INFO no login}. */
    static List<String> info(Target target, String iqnFilter) {
        List<String> lines = new ArrayList<>();
        for (Volume v : target.volumes()) {
            if (iqnFilter != null && !iqnFilter.equalsIgnoreCase(v.iqn())) {
                continue;
            }
            String portal = target.options().portalAddress();
            for (IscsiSession s : v.loginActivity().sessions()) {
                lines.add("INFO w#" + s.workerId() + ": Login from " + s.initiatorName() + " ("
                        + s.initiatorAddress() + ") on " + v.iqn() + " LU" + v.spec().lun() + " LU_Online=Yes ("
                        + portal + ":3260,1), ISID=" + Long.toHexString(s.isid()) + ", TSIH=" + s.tsih()
                        + ", CID=0, " + SESSION_PARAMS);
            }
        }
        if (lines.isEmpty()) {
            lines.add("INFO no login");
        }
        return lines;
    }

    /** DUMP [detail [iqn]]: per LU, its sessions, then totals (istgt_uctl_cmd_dump). */
    static List<String> dump(Target target, boolean detail, String iqnFilter) {
        List<String> lines = new ArrayList<>();
        int units = 0;
        int connections = 0;
        String portals = " IP1:" + target.options().portalAddress() + "  ";
        for (Volume v : target.volumes()) {
            if (iqnFilter != null && !iqnFilter.equalsIgnoreCase(v.iqn())) {
                continue;
            }
            units++;
            List<IscsiSession> sessions = v.loginActivity().sessions();
            if (detail) {
                lines.add("DUMP LUN LU" + v.spec().lun() + " " + v.iqn() + " Luworkers:" + target.options().luWorkers()
                        + " Qdepth:32 Size:" + humanSize(v.spec().sizeBytes()) + " Blocklength:"
                        + v.spec().sectorSize() + " PhysRecordLength:4096 Unmap:Enabled Wzero:Disabled"
                        + " ATS:Enabled XCOPY:Disabled" + portals + " CONNECTIONS:" + sessions.size());
            } else {
                lines.add("DUMP LUN LU" + v.spec().lun() + " " + v.iqn() + " " + portals + " CONNECTIONS:"
                        + sessions.size());
            }
            for (IscsiSession s : sessions) {
                lines.add("DUMP CONN c#" + s.workerId() + " " + Long.toHexString(s.isid()) + "   " + s.tsih()
                        + "     0   IP1   " + s.initiatorAddress() + "    " + s.initiatorName());
                connections++;
            }
        }
        lines.add("DUMP TOTAL LOGICAL_UNITS:" + units + " CONNECTIONS:" + connections);
        if (connections == 0) {
            lines.add("DUMP no login");
        }
        return lines;
    }

    /**
     * STATS (istgt_uctl_cmd_stats): {@code STATS  PDU:n [...]} (two spaces) and {@code STATS SCSI:n [...]}
     * (one space), n the number of slots with a count; istgt's format string has exactly ten {@code %x:%u %u}
     * entries, so the first ten slots in istgt's table order are printed, the rest cut, and fewer are padded
     * with {@code 0:0 0}. {@code STATS PDU:0 SCSI:0 } when nothing was counted.
     */
    static List<String> stats(IscsiStats.Listing stats) {
        List<String> lines = new ArrayList<>();
        if (!stats.pdus().isEmpty()) {
            lines.add("STATS  PDU:" + stats.pdus().size() + " " + entries(stats.pdus()));
        }
        if (!stats.scsi().isEmpty()) {
            lines.add("STATS SCSI:" + stats.scsi().size() + " " + entries(stats.scsi()));
        }
        if (lines.isEmpty()) {
            lines.add("STATS PDU:0 SCSI:0 ");
        }
        return lines;
    }

    private static String entries(List<IscsiStats.Entry> counts) {
        List<String> parts = new ArrayList<>();
        for (IscsiStats.Entry e : counts.subList(0, Math.min(10, counts.size()))) {
            parts.add(Integer.toHexString(e.opcode()) + ":" + e.first() + " " + e.second());
        }
        while (parts.size() < 10) {
            parts.add("0:0 0");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    // DUMP detail's size: divide by 1024 while possible, print quotient.remainder and the unit letter.
    static String humanSize(long bytes) {
        long s = bytes;
        long rem = 0;
        int count = 0;
        while (Long.divideUnsigned(s, 1024) != 0) {
            count++;
            rem = Long.remainderUnsigned(s, 1024);
            s = Long.divideUnsigned(s, 1024);
        }
        return Long.toUnsignedString(s) + "." + rem + "BKMGTPEZ".charAt(Math.min(count, 7));
    }
}
