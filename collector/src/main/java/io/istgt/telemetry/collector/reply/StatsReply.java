package io.istgt.telemetry.collector.reply;

import io.istgt.telemetry.collector.snapshot.OpcodeCount;
import java.util.List;

/** STATS: started and finished counts per iSCSI PDU opcode and per SCSI opcode, ascending by opcode. */
public record StatsReply(List<OpcodeCount> pdus, List<OpcodeCount> scsiOpcodes) {

    public StatsReply {
        pdus = List.copyOf(pdus);
        scsiOpcodes = List.copyOf(scsiOpcodes);
    }
}
