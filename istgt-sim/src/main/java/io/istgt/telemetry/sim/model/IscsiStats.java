package io.istgt.telemetry.sim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * istgt's process-wide PDU and SCSI command counters (the STATS command), derived from the volumes' activity
 * and held as istgt holds them: one slot per kind of PDU or command, in {@link StatsTable}'s order, each count
 * an unsigned 32-bit number that wraps at 2^32, each slot labelled with the opcode counted into it last.
 */
public final class IscsiStats {

    private static final long U32 = 0xffffffffL;

    /** One listed slot: its opcode and its two counts as istgt prints them ({@code %u}). */
    public record Entry(int opcode, long first, long second) {
    }

    /** The slots with a count, in slot order: what STATS prints (the first ten of each). */
    public record Listing(List<Entry> pdus, List<Entry> scsi) {
        public Listing {
            pdus = List.copyOf(pdus);
            scsi = List.copyOf(scsi);
        }
    }

    // [slot][0] read/started, [slot][1] sent/finished, each a uint32
    private final long[][] pdu = new long[StatsTable.PDU.size()][2];
    private final long[][] scsi = new long[StatsTable.SCSI.size()][2];
    private final int[] scsiOpcode = new int[StatsTable.SCSI.size()];

    private IscsiStats() {
    }

    /** All counters zero, as istgt starts. */
    public static IscsiStats empty() {
        return new IscsiStats();
    }

    static IscsiStats of(Iterable<Volume> volumes) {
        IscsiStats stats = new IscsiStats();
        for (Volume v : volumes) {
            VolumeCounters c = v.counters();
            long dataIn = 0;
            long status = 0;
            for (ScsiOp op : ScsiOp.values()) {
                long n = c.ops(op);
                if (n > 0) {
                    stats.countScsi(op.opcode(), n);
                    if (op.kind() == ScsiOp.Kind.READ) {
                        dataIn += n;
                    } else {
                        status += n;
                    }
                }
            }
            LoginActivity logins = v.loginActivity();
            for (Map.Entry<Integer, Long> e : logins.housekeepingCommands().entrySet()) {
                stats.countScsi(e.getKey(), e.getValue());
                if (StatsTable.direction(e.getKey()) == StatsTable.Direction.IN) {
                    dataIn += e.getValue();
                } else {
                    status += e.getValue();
                }
            }
            stats.countPdu(0x01, dataIn + status, 0);
            stats.countPdu(0x03, logins.loginReq(), 0);
            stats.countPdu(0x04, logins.discoveryReq(), 0);
            stats.countPdu(0x06, logins.logoutReq(), 0);
            stats.countPdu(0x21, 0, status);
            stats.countPdu(0x23, 0, logins.loginReq());
            stats.countPdu(0x24, 0, logins.discoveryReq());
            stats.countPdu(0x25, 0, dataIn);
            stats.countPdu(0x26, 0, logins.logoutReq());
        }
        return stats;
    }

    /** STATS (and {@code STATS 0}): every slot with a non-zero count, totals since istgt started. */
    public Listing totals() {
        List<Entry> pdus = new ArrayList<>();
        for (int i = 0; i < pdu.length; i++) {
            if (pdu[i][0] != 0 || pdu[i][1] != 0) {
                pdus.add(new Entry(StatsTable.PDU.get(i), pdu[i][0], pdu[i][1]));
            }
        }
        List<Entry> commands = new ArrayList<>();
        for (int i = 0; i < scsi.length; i++) {
            if (scsi[i][0] != 0 || scsi[i][1] != 0) {
                commands.add(new Entry(scsiOpcode[i], scsi[i][0], scsi[i][1]));
            }
        }
        return new Listing(pdus, commands);
    }

    /**
     * {@code STATS 1}: what changed since {@code last}, the counters at the previous STATS, with istgt's
     * arithmetic: {@code now - last}, or {@code (0xffffffff - last) + now} when the counter wrapped (one less
     * than the true difference). Slots that did not move are left out.
     */
    public Listing since(IscsiStats last) {
        List<Entry> pdus = new ArrayList<>();
        for (int i = 0; i < pdu.length; i++) {
            long a = delta(pdu[i][0], last.pdu[i][0]);
            long b = delta(pdu[i][1], last.pdu[i][1]);
            if (a != 0 || b != 0) {
                pdus.add(new Entry(StatsTable.PDU.get(i), a, b));
            }
        }
        List<Entry> commands = new ArrayList<>();
        for (int i = 0; i < scsi.length; i++) {
            long a = delta(scsi[i][0], last.scsi[i][0]);
            long b = delta(scsi[i][1], last.scsi[i][1]);
            if (a != 0 || b != 0) {
                commands.add(new Entry(scsiOpcode[i], a, b));
            }
        }
        return new Listing(pdus, commands);
    }

    private static long delta(long now, long last) {
        return now >= last ? now - last : ((U32 - last) + now) & U32;
    }

    // A command is counted started when istgt parses its CDB and finished when it answers; the emulator's
    // commands all finish by the time anyone looks.
    private void countScsi(int opcode, long count) {
        int slot = StatsTable.scsiSlot(opcode);
        if (slot < 0) {
            return; // istgt has no counter for it
        }
        scsi[slot][0] = (scsi[slot][0] + count) & U32;
        scsi[slot][1] = (scsi[slot][1] + count) & U32;
        scsiOpcode[slot] = opcode;
    }

    private void countPdu(int opcode, long read, long sent) {
        int slot = StatsTable.pduSlot(opcode);
        pdu[slot][0] = (pdu[slot][0] + read) & U32;
        pdu[slot][1] = (pdu[slot][1] + sent) & U32;
    }
}
