package io.istgt.telemetry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The captures only this module's tests use ({@code src/test/resources/istgt-captures}). */
public final class OwnCaptures {

    /** STATS listing ten of 14 SCSI opcodes and nine PDU opcodes plus a pad, then IOSTATS, on one connection. */
    public static final String STATS_MORE_THAN_TEN = "11-stats-more-than-ten-opcodes.raw";

    private OwnCaptures() {
    }

    /** The capture as text, CRLF line ends kept. */
    public static String text(String name) {
        try (InputStream in = OwnCaptures.class.getResourceAsStream("/istgt-captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name + " under /istgt-captures/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + name, e);
        }
    }

    /** {@code command}'s reply in the capture, as istgt sent it: its data lines and its OK line, CRLF ended. */
    public static String reply(String name, String command) {
        return text(name).lines()
                .filter(l -> l.startsWith(command + " ") || l.equals("OK " + command))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** The payloads of {@code command}'s data lines in the capture, as the connection hands them to a parser. */
    public static List<String> payloads(String name, String command) {
        return text(name).lines()
                .filter(l -> l.startsWith(command + " "))
                .map(l -> l.substring(command.length()).stripLeading())
                .toList();
    }
}
