package io.istgt.telemetry.client.snapshot;

import java.util.List;

/**
 * IO counted by command type.
 *
 * @param commands    ISTGTSTATUS read/write/sync counts by CDB size; null with the stock command set
 * @param scsiOpcodes STATS: every SCSI opcode istgt saw, started and finished; null if STATS was not answered
 * @param pdus        STATS: every iSCSI PDU opcode, started (received) and finished (sent)
 */
public record IoCounters(ScsiCommandCounts commands, List<OpcodeCount> scsiOpcodes, List<OpcodeCount> pdus) {

    public IoCounters {
        scsiOpcodes = Checks.copyOrNull(scsiOpcodes);
        pdus = Checks.copyOrNull(pdus);
    }
}
