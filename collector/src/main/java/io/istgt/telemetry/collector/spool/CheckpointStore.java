package io.istgt.telemetry.collector.spool;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and writes the drainer's {@link Checkpoint}: JSON, written to a temporary file, forced to disk and
 * renamed over the old one, so a crash at any moment leaves either the old checkpoint or the new one.
 */
public final class CheckpointStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Path temporary;

    public CheckpointStore(Path spoolDir) {
        this.file = spoolDir.resolve("checkpoint.json");
        this.temporary = spoolDir.resolve("checkpoint.json.tmp");
    }

    /** The last checkpoint written, or empty when there is none (a new spool). */
    public Optional<Checkpoint> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Checkpoint.class));
        } catch (JacksonException e) {
            throw new IOException("the spool checkpoint " + file + " cannot be read (" + e.getOriginalMessage()
                    + "); move it away to start over (records in the spool may then be sent twice)", e);
        }
    }

    public void write(Checkpoint checkpoint) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(checkpoint);
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Path file() {
        return file;
    }
}
