package io.istgt.telemetry.sim.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * istgt's process-wide PDU and SCSI command counters (the STATS command), derived from the volumes' activity.
 * Ordered by opcode, as istgt walks its opcode-indexed arrays.
 *
 * @param pdus  iSCSI opcode to {read, sent}
 * @param scsi  SCSI opcode to {started, finished}
 */
public record IscsiStats(Map<Integer, long[]> pdus, Map<Integer, long[]> scsi) {

    static IscsiStats of(Iterable<Volume> volumes) {
        Map<Integer, long[]> pdus = new TreeMap<>();
        Map<Integer, long[]> scsi = new TreeMap<>();
        for (Volume v : volumes) {
            VolumeCounters c = v.counters();
            long dataIn = 0;
            long noData = 0;
            for (ScsiOp op : ScsiOp.values()) {
                long n = c.ops(op);
                if (n > 0) {
                    add(scsi, op.opcode(), n, n);
                    if (op.kind() == ScsiOp.Kind.READ) {
                        dataIn += n;
                    } else {
                        noData += n;
                    }
                }
            }
            LoginActivity logins = v.loginActivity();
            for (Map.Entry<Integer, Long> e : logins.housekeepingCommands().entrySet()) {
                add(scsi, e.getKey(), e.getValue(), e.getValue());
                if (e.getKey() == LoginActivity.NO_DATA_OPCODE) {
                    noData += e.getValue();
                } else {
                    dataIn += e.getValue();
                }
            }
            add(pdus, 0x01, dataIn + noData, 0);
            add(pdus, 0x03, logins.loginReq(), 0);
            add(pdus, 0x04, logins.discoveryReq(), 0);
            add(pdus, 0x06, logins.logoutReq(), 0);
            add(pdus, 0x21, 0, noData);
            add(pdus, 0x23, 0, logins.loginReq());
            add(pdus, 0x24, 0, logins.discoveryReq());
            add(pdus, 0x25, 0, dataIn);
            add(pdus, 0x26, 0, logins.logoutReq());
        }
        pdus.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        return new IscsiStats(pdus, scsi);
    }

    /** What changed since {@code last} ("STATS 1"); entries that did not move are dropped, as istgt does. */
    public IscsiStats since(IscsiStats last) {
        return new IscsiStats(diff(pdus, last.pdus), diff(scsi, last.scsi));
    }

    private static Map<Integer, long[]> diff(Map<Integer, long[]> now, Map<Integer, long[]> last) {
        Map<Integer, long[]> result = new TreeMap<>();
        now.forEach((op, v) -> {
            long[] before = last.getOrDefault(op, new long[2]);
            long a = v[0] - before[0];
            long b = v[1] - before[1];
            if (a != 0 || b != 0) {
                result.put(op, new long[] {a, b});
            }
        });
        return result;
    }

    private static void add(Map<Integer, long[]> map, int opcode, long a, long b) {
        long[] v = map.computeIfAbsent(opcode, k -> new long[2]);
        v[0] += a;
        v[1] += b;
    }
}
