package io.istgt.telemetry.client.snapshot;

/** Which istgt build answered, as ISTGTSTATUS reports it; either may be null in builds that omit it. */
public record BuildInfo(String gitCommitHash, String releaseTag) {
}
