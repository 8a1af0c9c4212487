package io.istgt.telemetry.sim.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What kind of istgt is emulated.
 *
 * @param stock         a released istgt: no ISTGTSTATUS, no replica Port
 * @param extended      add the metrics only the design doc names (docs/emulator.md)
 * @param buildStamp    istgt's build time as its greeting and VERSION print it, e.g. {@code 20:23:24:Nov 23 2026}
 * @param luWorkers     istgt.conf's Luworkers
 * @param maxIoWait     the MAXIOWAIT value, in seconds
 * @param portalAddress the iSCSI portal IP (DUMP, INFO)
 * @param handshakeStall how long a connecting replica holds ISTGTSTATUS and REPLICA back (ISTGTSTATUS build)
 */
public record TargetOptions(boolean stock, boolean extended, String buildStamp, int luWorkers, int maxIoWait,
                            String portalAddress, String gitCommitHash, String releaseTag, Duration handshakeStall) {

    /** The commit and tag of the deep-visibility build the pr263 captures come from. */
    public static final String PR263_COMMIT = "35d6e81affcfa53fb6d2f9d30a155d9f78a5987f";
    public static final String PR263_TAG = "1.1.0-RC1-13-g35d6e81";

    public TargetOptions {
        Objects.requireNonNull(buildStamp, "buildStamp");
        Objects.requireNonNull(portalAddress, "portalAddress");
        Objects.requireNonNull(gitCommitHash, "gitCommitHash");
        Objects.requireNonNull(releaseTag, "releaseTag");
        Objects.requireNonNull(handshakeStall, "handshakeStall");
        if (handshakeStall.isNegative()) {
            throw new IllegalArgumentException("handshake stall must not be negative, got " + handshakeStall);
        }
    }
}
