package io.istgt.telemetry.sim.model;

import java.util.Arrays;
import java.util.List;

/**
 * Where istgt keeps its STATS counters. istgt has two fixed arrays, one slot per kind of iSCSI PDU
 * ({@code ISCSIstat_rest[ISCSI_ARYSZ]}) and one per kind of SCSI command ({@code SCSIstat_rest[SCSI_ARYSZ]});
 * an opcode finds its slot through a 256-entry table ({@code iscsi_ops_indx_table}, and the {@code statidx} of
 * {@code istgt_cmd_table}), and the slot remembers the opcode counted into it last. STATS walks the arrays from
 * slot 0 and prints the first ten slots with a non-zero count, so the order of the slots decides which opcodes
 * are listed when more than ten are in use.
 *
 * <p>The slot order is istgt's ({@code istgt_lu.h}: {@code isciOpInd} and {@code scsi_stat_idx}; openebs istgt,
 * {@code src/istgt_lu.h}, {@code src/istgt_cmd_table.c}), with one change the real capture
 * {@code 11-stats-more-than-ten-opcodes.raw} forces: SYNCHRONIZE CACHE(10) counted there, yet it is cut while
 * PERSISTENT RESERVE IN, READ(16) and WRITE(16) are listed, so its slot comes after WRITE(16)'s in the
 * released build, not between PRE-FETCH(10) and READ DEFECT DATA(10) as in the source. It is put next to
 * SYNCHRONIZE CACHE(16); where exactly it lies after WRITE(16) is not known.
 */
public final class StatsTable {

    /** How a SCSI command's status reaches the initiator, from the command table's data direction. */
    public enum Direction {
        /** Data-In PDUs, the last one carrying the status. */
        IN,
        /** The initiator sends data; a SCSI Response carries the status. */
        OUT,
        /** No data; a SCSI Response. */
        NONE
    }

    /** One SCSI counter slot: istgt's name for it ({@code scsi_ops[]}), the opcodes counted into it. */
    public record ScsiSlot(String name, Direction direction, int... opcodes) {
    }

    /** The SCSI slots in the order STATS walks them. */
    public static final List<ScsiSlot> SCSI = List.of(
            new ScsiSlot("TUR", Direction.NONE, 0x00),
            new ScsiSlot("REQ_SENSE", Direction.IN, 0x03),
            new ScsiSlot("FMT_UNIT", Direction.OUT, 0x04),
            new ScsiSlot("RD_BL", Direction.NONE, 0x05),
            new ScsiSlot("RD6", Direction.IN, 0x08),
            new ScsiSlot("WR6", Direction.OUT, 0x0a),
            new ScsiSlot("INQ", Direction.IN, 0x12),
            new ScsiSlot("MODE_SEL", Direction.OUT, 0x15),
            new ScsiSlot("RSV6", Direction.OUT, 0x16),
            new ScsiSlot("REL6", Direction.NONE, 0x17),
            new ScsiSlot("MODE_SENSE6", Direction.IN, 0x1a),
            new ScsiSlot("START_STOP_UNIT", Direction.NONE, 0x1b),
            new ScsiSlot("RDCAP10", Direction.IN, 0x25),
            new ScsiSlot("RD10", Direction.IN, 0x28),
            new ScsiSlot("WR10", Direction.OUT, 0x2a),
            new ScsiSlot("WR_V10", Direction.OUT, 0x2e),
            new ScsiSlot("PREFETCH10", Direction.NONE, 0x34),
            new ScsiSlot("RD_DEFECT_DATA", Direction.NONE, 0x37),
            new ScsiSlot("WR_BUFFER", Direction.OUT, 0x3b),
            new ScsiSlot("WR_SAME10", Direction.OUT, 0x41),
            new ScsiSlot("UNMAP", Direction.OUT, 0x42),
            new ScsiSlot("XDxx", Direction.NONE, 0x50, 0x51, 0x52, 0x80),
            new ScsiSlot("MODE_SEL10", Direction.OUT, 0x55),
            new ScsiSlot("RSV10", Direction.OUT, 0x56),
            new ScsiSlot("REL10", Direction.OUT, 0x57),
            new ScsiSlot("MODE_SENSE10", Direction.IN, 0x5a),
            new ScsiSlot("PR_IN", Direction.IN, 0x5e),
            new ScsiSlot("PR_OUT", Direction.OUT, 0x5f),
            new ScsiSlot("XCOPY", Direction.OUT, 0x83),
            new ScsiSlot("RCV_CPY_RSLTS", Direction.IN, 0x84),
            new ScsiSlot("RD16", Direction.IN, 0x88),
            new ScsiSlot("ATS", Direction.OUT, 0x89),
            new ScsiSlot("WR16", Direction.OUT, 0x8a),
            new ScsiSlot("WR_V16", Direction.OUT, 0x8e),
            new ScsiSlot("SYNC10", Direction.NONE, 0x35),
            new ScsiSlot("SYNC16", Direction.NONE, 0x91),
            new ScsiSlot("WR_SAME16", Direction.OUT, 0x93),
            new ScsiSlot("RDCAP_SAIN16", Direction.IN, 0x9e),
            new ScsiSlot("REPORT_LUNS", Direction.IN, 0xa0),
            new ScsiSlot("MAINT_IN", Direction.IN, 0xa3),
            new ScsiSlot("RD12", Direction.IN, 0xa8),
            new ScsiSlot("WR12", Direction.OUT, 0xaa),
            new ScsiSlot("WR_V12", Direction.OUT, 0xae),
            new ScsiSlot("ISMXX", Direction.NONE, 0xc0, 0xc1, 0xc2, 0xc3));

    /** The iSCSI PDU opcodes in slot order ({@code isciOpInd}): initiator PDUs, then target PDUs. */
    public static final List<Integer> PDU = List.of(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x10, 0x1c, 0x1d,
            0x1e, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x31, 0x32, 0x3c, 0x3d, 0x3e, 0x3f);

    private static final int[] SCSI_SLOT_OF = new int[256];
    private static final int[] PDU_SLOT_OF = new int[256];

    static {
        Arrays.fill(SCSI_SLOT_OF, -1);
        Arrays.fill(PDU_SLOT_OF, -1);
        for (int slot = 0; slot < SCSI.size(); slot++) {
            for (int opcode : SCSI.get(slot).opcodes()) {
                SCSI_SLOT_OF[opcode] = slot;
            }
        }
        for (int slot = 0; slot < PDU.size(); slot++) {
            PDU_SLOT_OF[PDU.get(slot)] = slot;
        }
    }

    private StatsTable() {
    }

    /** The slot counting a SCSI opcode, or -1 if istgt keeps no counter for it (STATS never lists it). */
    public static int scsiSlot(int opcode) {
        return opcode >= 0 && opcode < 256 ? SCSI_SLOT_OF[opcode] : -1;
    }

    /** The slot counting an iSCSI PDU opcode, or -1 if istgt keeps none. */
    public static int pduSlot(int opcode) {
        return opcode >= 0 && opcode < 256 ? PDU_SLOT_OF[opcode] : -1;
    }

    /** How the status of a counted SCSI opcode travels; {@code opcode} must have a slot. */
    public static Direction direction(int opcode) {
        int slot = scsiSlot(opcode);
        if (slot < 0) {
            throw new IllegalArgumentException("istgt keeps no STATS counter for SCSI opcode 0x"
                    + Integer.toHexString(opcode));
        }
        return SCSI.get(slot).direction();
    }
}
