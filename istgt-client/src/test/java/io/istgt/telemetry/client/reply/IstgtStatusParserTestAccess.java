package io.istgt.telemetry.client.reply;

/** Lets tests of other packages build the ISTGTSTATUS lines the parser tests use. */
public final class IstgtStatusParserTestAccess {

    private IstgtStatusParserTestAccess() {
    }

    public static String lineLongerThanIstgtsLimit() {
        return IstgtStatusParserTest.fiveReplicaLine();
    }
}
