package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.List;

/**
 * STATS: started and finished counts per iSCSI PDU opcode and per SCSI opcode, the ones istgt listed, ascending
 * by opcode, and how many of each istgt counted (more than it lists when over ten).
 */
record StatsReply(List<OpcodeCount> pdus, int pdusCounted, List<OpcodeCount> scsiOpcodes, int scsiOpcodesCounted) {

    public StatsReply {
        pdus = List.copyOf(pdus);
        scsiOpcodes = List.copyOf(scsiOpcodes);
    }
}
