package io.istgt.telemetry.sim.model;

/**
 * The SCSI commands the IO generator issues, with their opcode (as STATS prints it) and the ISTGTSTATUS counter
 * they move.
 */
public enum ScsiOp {
    READ6(0x08, Kind.READ, "read6Cnt"),
    READ10(0x28, Kind.READ, "read10Cnt"),
    READ12(0xa8, Kind.READ, "read12Cnt"),
    READ16(0x88, Kind.READ, "read16Cnt"),
    WRITE6(0x0a, Kind.WRITE, "write6Cnt"),
    WRITE10(0x2a, Kind.WRITE, "write10Cnt"),
    WRITE12(0xaa, Kind.WRITE, "write12Cnt"),
    WRITE16(0x8a, Kind.WRITE, "write16Cnt"),
    SYNC10(0x35, Kind.SYNC, "sync10Cnt"),
    SYNC16(0x91, Kind.SYNC, "sync16Cnt");

    /** What an opcode does to the volume. */
    public enum Kind { READ, WRITE, SYNC }

    private final int opcode;
    private final Kind kind;
    private final String statusKey;

    ScsiOp(int opcode, Kind kind, String statusKey) {
        this.opcode = opcode;
        this.kind = kind;
        this.statusKey = statusKey;
    }

    public int opcode() {
        return opcode;
    }

    public Kind kind() {
        return kind;
    }

    /** The ISTGTSTATUS key of this opcode's counter. */
    public String statusKey() {
        return statusKey;
    }
}
