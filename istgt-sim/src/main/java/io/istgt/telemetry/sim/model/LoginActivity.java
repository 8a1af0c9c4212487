package io.istgt.telemetry.sim.model;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * The iSCSI front of one volume: sessions (INFO), login/logout/discovery counters (ISTGTSTATUS), login
 * durations, and the housekeeping SCSI commands an initiator sends after logging in (STATS).
 */
public final class LoginActivity {

    /** istgt.conf's MaxSessions: further logins are refused. */
    static final int MAX_SESSIONS = 32;

    /**
     * What a libiscsi initiator sends after a login before any IO: TEST UNIT READY, INQUIRY (standard + VPD),
     * MODE SENSE(6), READ CAPACITY(10), PERSISTENT RESERVE IN, READ CAPACITY(16), REPORT LUNS, MAINTENANCE IN.
     * The opcode set is the one 05-after-io-STATS.raw shows.
     */
    static final Map<Integer, Integer> HOUSEKEEPING_PER_LOGIN = Map.of(
            0x00, 1, 0x12, 2, 0x1a, 1, 0x25, 1, 0x5e, 1, 0x9e, 1, 0xa0, 1, 0xa3, 1);
    private final SplittableRandom random;
    private final IntSupplier workerIds;
    private final List<IscsiSession> sessions = new ArrayList<>();
    // opcode to count, in the order of last use (a STATS slot shared by several opcodes shows the last one)
    private final Map<Integer, Long> housekeeping = new LinkedHashMap<>();
    private final LoginHistogram histogram = new LoginHistogram();
    private int nextTsih = 1;
    private long loginReq;
    private long loginOk;
    private long logoutReq;
    private long logoutOk;
    private long discoveryReq;
    private long discoveryOk;

    LoginActivity(long seed, IntSupplier workerIds) {
        this.random = new SplittableRandom(seed);
        this.workerIds = workerIds;
    }

    /** Initiators log in and stay (they show in INFO). Returns how many got a session. */
    public int login(int count, String initiatorName) {
        int ok = 0;
        for (int i = 0; i < count; i++) {
            boolean accepted = sessions.size() < MAX_SESSIONS;
            countLogin(accepted, 1 + random.nextLong(8));
            if (accepted) {
                long isid = 0x800000000000L | ((random.nextLong() & 0xffffffffL) << 16);
                String name = initiatorName != null ? initiatorName
                        : "iqn.1993-08.org.debian:01:" + HexFormat.of().toHexDigits(random.nextInt()).substring(0, 8);
                sessions.add(new IscsiSession(workerIds.getAsInt(), name, "127.0.0.1", isid, nextTsih++));
                HOUSEKEEPING_PER_LOGIN.forEach((op, n) -> countCommand(op, n));
                ok++;
            }
        }
        return ok;
    }

    /** The newest sessions log out. */
    public int logout(int count) {
        int n = Math.min(count, sessions.size());
        for (int i = 0; i < n; i++) {
            sessions.remove(sessions.size() - 1);
            logoutReq++;
            logoutOk++;
        }
        return n;
    }

    /**
     * Many short sessions: each logs in (slowly, the target is busy), and logs out again. Durations spread over
     * the whole histogram, a few beyond 5 s.
     */
    public void storm(int count) {
        for (int i = 0; i < count; i++) {
            long roll = random.nextLong(100);
            long duration = roll < 50 ? 5 + random.nextLong(95)
                    : roll < 90 ? 100 + random.nextLong(900)
                    : roll < 97 ? 1000 + random.nextLong(4000) : 5001 + random.nextLong(10_000);
            boolean accepted = sessions.size() < MAX_SESSIONS;
            countLogin(accepted, duration);
            if (accepted) {
                logoutReq++;
                logoutOk++;
            }
        }
    }

    /**
     * The initiator sends {@code count} SCSI commands of {@code opcode} that are not IO (TEST UNIT READY,
     * INQUIRY, ...): only STATS counts them.
     */
    public void scsiCommands(int opcode, long count) {
        if (StatsTable.scsiSlot(opcode) < 0) {
            throw new IllegalArgumentException("istgt keeps no STATS counter for SCSI opcode 0x"
                    + Integer.toHexString(opcode) + "; it counts " + countedOpcodes());
        }
        for (ScsiOp op : ScsiOp.values()) {
            if (op.opcode() == opcode) {
                throw new IllegalArgumentException("SCSI opcode 0x" + Integer.toHexString(opcode) + " is "
                        + op.name().toLowerCase(java.util.Locale.ROOT) + ", IO: set it with --io-mix and io-rate");
            }
        }
        if (count > 0) {
            countCommand(opcode, count);
        }
    }

    private void countCommand(int opcode, long count) {
        Long before = housekeeping.remove(opcode);
        housekeeping.put(opcode, (before == null ? 0 : before) + count);
    }

    private static List<String> countedOpcodes() {
        return StatsTable.SCSI.stream().flatMapToInt(s -> java.util.Arrays.stream(s.opcodes()))
                .mapToObj(Integer::toHexString).toList();
    }

    public void discovery(int count) {
        discoveryReq += count;
        discoveryOk += count;
    }

    private void countLogin(boolean accepted, long durationMs) {
        loginReq++;
        histogram.record(durationMs);
        if (accepted) {
            loginOk++;
        }
    }

    public List<IscsiSession> sessions() {
        return List.copyOf(sessions);
    }

    /** SCSI opcode to count, for commands that are not IO (STATS), the one used last at the end. */
    public Map<Integer, Long> housekeepingCommands() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(housekeeping));
    }

    public LoginHistogram histogram() {
        return histogram;
    }

    public long loginReq() {
        return loginReq;
    }

    public long loginOk() {
        return loginOk;
    }

    public long logoutReq() {
        return logoutReq;
    }

    public long logoutOk() {
        return logoutOk;
    }

    public long discoveryReq() {
        return discoveryReq;
    }

    public long discoveryOk() {
        return discoveryOk;
    }
}
