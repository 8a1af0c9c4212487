package io.istgt.telemetry.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Helpers to compare emulator output with the real captures. */
final class Captures {

    /** The clock start that reproduces the released build's stamp, 20:23:24:Nov 23 2026. */
    static final Instant STOCK_BUILD = Instant.parse("2026-11-23T20:23:24Z");
    /** The deep-visibility build's stamp, 20:38:48:Nov 23 2026. */
    static final Instant PR263_BUILD = Instant.parse("2026-11-23T20:38:48Z");

    private Captures() {
    }

    /** A capture only this module's tests use (src/test/resources/istgt-captures), as text. */
    static String own(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/istgt-captures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name + " under /istgt-captures/");
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + name, e);
        }
    }

    /**
     * Masks what legitimately differs between two runs: every run of digits becomes {@code #}, and an ISID
     * (random hex) becomes {@code ISID=#}. Structure, keys, order, spacing, separators and line ends remain.
     */
    static String mask(String text) {
        return text.replaceAll("ISID=[0-9a-f]+", "ISID=#").replaceAll("[0-9]+", "#");
    }
}
