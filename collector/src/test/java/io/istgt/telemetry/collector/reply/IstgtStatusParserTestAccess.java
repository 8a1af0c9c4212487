package io.istgt.telemetry.collector.reply;

/** Lets tests of other packages build the ISTGTSTATUS lines the parser tests use. */
public final class IstgtStatusParserTestAccess {

    private IstgtStatusParserTestAccess() {
    }

    public static String lineLongerThanIstgtsLimit() {
        return IstgtStatusParserTest.fiveReplicaLine();
    }
}
