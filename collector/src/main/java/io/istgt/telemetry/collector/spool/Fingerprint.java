package io.istgt.telemetry.collector.spool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * 128 bits of SHA-256 over a Kafka record's topic, key and value bytes: what identifies a sent record when the
 * drainer checks which of its records reached Kafka. Every record of the collector is unique (its metadata holds
 * the collector, run, target and sequence), so equal fingerprints mean the same record.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** Looking the algorithm up costs more than hashing a record: one digest per (drainer) thread, reused. */
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    public static String of(String topic, byte[] key, byte[] value) {
        MessageDigest sha = SHA.get();
        sha.reset();
        sha.update(topic.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(length(key));
        sha.update(key);
        sha.update(value);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static byte[] length(byte[] b) {
        int n = b.length;
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
