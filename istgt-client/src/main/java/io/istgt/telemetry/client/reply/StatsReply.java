package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.List;

/** STATS: started and finished counts per iSCSI PDU opcode and per SCSI opcode, ascending by opcode. */
record StatsReply(List<OpcodeCount> pdus, List<OpcodeCount> scsiOpcodes) {

    public StatsReply {
        pdus = List.copyOf(pdus);
        scsiOpcodes = List.copyOf(scsiOpcodes);
    }
}
