package io.istgt.telemetry.demo;

import io.istgt.telemetry.local.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The demo's data directory: the broker's data, the child processes' logs, the streams state and the demo's
 * own log. A marker file tells a directory the demo made from anything else, so the demo only ever removes
 * its own: a previous run's data (kept with --keep) is cleared at the next start, and a directory holding
 * something else is refused.
 */
final class DataDirectory {

    static final String MARKER = ".istgt-demo";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /**
     * Makes {@code dir} ready for a run.
     *
     * @return whether a previous run's data had to be removed
     * @throws IllegalStateException when {@code dir} exists, is not empty and was not made by the demo
     */
    static Prepared prepare(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            boolean previous = false;
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) {
                    throw new IllegalStateException("--data-dir " + root + " is a file, not a directory");
                }
                if (Files.exists(root.resolve(MARKER))) {
                    Directories.deleteRecursively(root);
                    previous = true;
                } else if (!isEmpty(root)) {
                    throw new IllegalStateException("--data-dir " + root + " is not empty and was not made by"
                            + " istgt-demo (no " + MARKER + " file in it): choose another directory or empty it");
                }
            }
            Files.createDirectories(root);
            Files.writeString(root.resolve(MARKER), "made by istgt-demo; removed at the end unless --keep\n");
            return new Prepared(new DataDirectory(root), previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + root, e);
        }
    }

    record Prepared(DataDirectory dir, boolean removedPrevious) {
    }

    Path root() {
        return root;
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    void remove() {
        Directories.deleteRecursively(root);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
