package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.protocol.ControlProtocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines istgt sends for one request, without line ends: data lines then {@code OK <CMD>}, or one
 * {@code ERR} line; and whether istgt hangs up afterwards.
 */
record Reply(List<String> lines, boolean hangUp) {

    Reply {
        lines = List.copyOf(lines);
    }

    static Reply ok(String command, List<String> dataLines) {
        List<String> lines = new ArrayList<>(dataLines);
        lines.add(ControlProtocol.OK_PREFIX + command);
        return new Reply(lines, false);
    }

    static Reply error(String message) {
        return new Reply(List.of(ControlProtocol.ERR_PREFIX + message), false);
    }

    /** Data lines of a command with a fixed separator (IOSTATS, REPLICA ...), then OK. */
    static Reply data(ControlCommand command, List<String> payloads) {
        return ok(command.word(), payloads.stream().map(p -> command.dataLine(p, 0)).toList());
    }
}
