package io.istgt.telemetry.client.snapshot;

import java.util.List;

/**
 * IO counted by command type.
 *
 * <p>STATS counts are istgt's unsigned 32-bit counters: they wrap at 2^32, which a busy volume's READ(10) reaches
 * within a day. A count lower than at the poll before is a wrap while the volume's uptime goes on, a restart when
 * the uptime starts again too.
 *
 * @param commands           ISTGTSTATUS read/write/sync counts by CDB size; null with the stock command set
 * @param scsiOpcodes        STATS: the SCSI opcodes istgt listed, started and finished, ascending by opcode; null
 *                           if STATS was not answered. istgt lists at most ten: see {@code scsiOpcodesCounted}
 * @param pdus               STATS: the iSCSI PDU opcodes istgt listed, started (received) and finished (sent)
 * @param scsiOpcodesCounted STATS: how many SCSI opcodes istgt has counted, listed or not; null if STATS was not
 *                           answered. Above the list's size, the opcodes not listed are unknown
 * @param pdusCounted        STATS: how many iSCSI PDU opcodes istgt has counted, listed or not
 */
public record IoCounters(ScsiCommandCounts commands, List<OpcodeCount> scsiOpcodes, List<OpcodeCount> pdus,
                         Integer scsiOpcodesCounted, Integer pdusCounted) {

    public IoCounters {
        scsiOpcodes = Checks.copyOrNull(scsiOpcodes);
        pdus = Checks.copyOrNull(pdus);
        counted(scsiOpcodes, scsiOpcodesCounted, "scsiOpcodes");
        counted(pdus, pdusCounted, "pdus");
    }

    /**
     * STATS' finished count of one SCSI opcode: its count when listed; 0 when not listed and STATS listed every
     * opcode it counted (istgt lists each opcode with a count, up to ten); null when STATS was not answered or
     * cut its list, so that the opcode may be among those left out.
     */
    public Long scsiFinished(int opcode) {
        if (scsiOpcodes == null) {
            return null;
        }
        for (OpcodeCount o : scsiOpcodes) {
            if (o.opcode() == opcode) {
                return o.finished();
            }
        }
        return scsiOpcodes.size() < scsiOpcodesCounted ? null : 0L;
    }

    private static void counted(List<OpcodeCount> listed, Integer counted, String name) {
        if ((listed == null) != (counted == null)) {
            throw new IllegalArgumentException(name + " and its count are both present or both absent, got "
                    + listed + " and " + counted);
        }
        if (counted != null && counted < listed.size()) {
            throw new IllegalArgumentException(name + ": istgt cannot list " + listed.size() + " opcodes of "
                    + counted + " counted");
        }
    }
}
