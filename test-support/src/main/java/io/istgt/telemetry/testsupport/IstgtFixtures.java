package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw bytes captured from a real istgt's control socket (see istgt-fixtures/README.md on the classpath).
 * Each {@code .raw} file is one connection: greeting, the reply to one command, then the reply to QUIT.
 */
public final class IstgtFixtures {

    private static final String DIR = "/istgt-fixtures/";
    private static final String REQUEST_MARK = "===== request: ";

    private IstgtFixtures() {
    }

    /** The exact bytes of a capture, e.g. {@code bytes("05-after-io-IOSTATS.raw")}. */
    public static byte[] bytes(String name) {
        try (InputStream in = IstgtFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no istgt fixture named " + name + " under " + DIR);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read istgt fixture " + name, e);
        }
    }

    /** A capture as text (the control socket speaks ASCII). */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * The connections of {@code 02-misc-commands.raw}, keyed by the request that was sent (the annotation
     * line {@code ===== request: X} is removed; the value is exactly what the server sent).
     */
    public static Map<String, String> miscCommands() {
        Map<String, String> byRequest = new LinkedHashMap<>();
        String request = null;
        StringBuilder reply = new StringBuilder();
        for (String line : text("02-misc-commands.raw").split("(?<=\n)")) {
            if (line.startsWith(REQUEST_MARK)) {
                if (request != null) {
                    byRequest.put(request, reply.toString());
                }
                request = line.substring(REQUEST_MARK.length()).strip();
                reply.setLength(0);
            } else {
                reply.append(line);
            }
        }
        if (request != null) {
            byRequest.put(request, reply.toString());
        }
        return byRequest;
    }
}
