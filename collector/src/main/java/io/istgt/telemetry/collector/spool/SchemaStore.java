package io.istgt.telemetry.collector.spool;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The writer schemas of spooled records, by CRC-64-AVRO fingerprint: this collector's own, and every schema a
 * record in the spool was written with, kept as {@code schemas/<fingerprint>.avsc} so that a collector of
 * another version draining the spool can still register (or find) the exact schema the bytes need.
 */
public final class SchemaStore {

    private final Path dir;
    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();
    /**
     * The fingerprints of the schema objects remembered so far, by identity: every record of a class has the same
     * schema object, and fingerprinting it (its whole parsing form built as a string) cost more than encoding
     * the record. Copied on write, never changed once published, so it is read without a lock.
     */
    private volatile Map<Schema, Long> remembered = new IdentityHashMap<>();

    /** Opens the store in {@code spoolDir/schemas}, recording this collector's schemas there. */
    public static SchemaStore open(Path spoolDir) throws IOException {
        SchemaStore store = new SchemaStore(Files.createDirectories(spoolDir.resolve("schemas")));
        for (Schema s : new Schema[] {VolumeKey.getClassSchema(), VolumeStatus.getClassSchema(),
                ReplicaKey.getClassSchema(), ReplicaStatus.getClassSchema()}) {
            store.remember(s);
        }
        return store;
    }

    private SchemaStore(Path dir) {
        this.dir = dir;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Keeps {@code schema} (on disk too) and returns its fingerprint. */
    public long remember(Schema schema) throws IOException {
        Long known = remembered.get(schema);
        if (known != null) {
            return known;
        }
        long fp = fingerprint(schema);
        if (byFingerprint.putIfAbsent(fp, schema) == null) {
            Path file = file(fp);
            if (!Files.exists(file)) {
                Path tmp = dir.resolve(file.getFileName() + ".tmp");
                Files.writeString(tmp, schema.toString(), StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        synchronized (this) {
            if (remembered.size() >= 64) {
                return fp; // schema objects made afresh each time: not worth keeping
            }
            Map<Schema, Long> next = new IdentityHashMap<>(remembered);
            next.put(schema, fp);
            remembered = next;
        }
        return fp;
    }

    /** The schema with this fingerprint, from memory or the spool directory. */
    public Schema get(long fingerprint) throws IOException {
        Schema s = byFingerprint.get(fingerprint);
        if (s != null) {
            return s;
        }
        Path file = file(fingerprint);
        if (!Files.exists(file)) {
            throw new IOException("the spool holds records written with schema " + Long.toHexString(fingerprint)
                    + ", which is not in " + dir);
        }
        s = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        byFingerprint.put(fingerprint, s);
        return s;
    }

    private Path file(long fp) {
        return dir.resolve(String.format("%016x.avsc", fp));
    }
}
