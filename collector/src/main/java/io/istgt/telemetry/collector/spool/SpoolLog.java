package io.istgt.telemetry.collector.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's append-only log of poll entries, in segment files named by the index of their first entry
 * ({@code 00000000000000000001.seg}). Appends go to the newest segment, a new one is started when it would
 * grow past {@code segmentBytes}; the oldest segment is dropped whole. A collector restart starts a new
 * segment; what a kill -9 or a crash left half-written at the end of the last one is cut off and counted.
 *
 * <pre>{@code
 * try (SpoolLog log = SpoolLog.open(dir, 16 << 20)) {
 *     long index = log.append(target, run, sequence, collectedAt, records);
 *     List<SpoolEntry> next = log.read(index, 500, 1 << 20);
 * }
 * }</pre>
 *
 * <p>Thread-safe: polls append concurrently; one drainer reads and drops. Writes reach the page cache at once
 * (a killed process loses nothing), {@link #force()} makes them durable against a machine crash.
 */
public final class SpoolLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpoolLog.class);
    private static final String SUFFIX = ".seg";

    /** An entry dropped with its segment: enough to say which poll of which target is gone. */
    public record DroppedEntry(long index, String target, long runStartedAtMillis, long sequence, int records) {
    }

    private static final class Segment {
        final long base;
        final Path path;
        volatile long length;
        long lastIndex;

        Segment(long base, Path path, long length, long lastIndex) {
            this.base = base;
            this.path = path;
            this.length = length;
            this.lastIndex = lastIndex;
        }
    }

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private Segment active;
    private FileChannel writer;
    private long nextIndex;
    /** Set by {@link #numberFrom}: the next append starts a segment of its own at the raised index. */
    private boolean rollBeforeAppend;
    private long bytes;
    private long skipped;
    private Cursor cursor;

    private record Cursor(long segmentBase, long position, long nextIndex) {
    }

    private SpoolLog(Path dir, long segmentBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) the log in {@code dir}, taking the directory's lock: two collectors must never share a
     * spool. Reads every segment once to find the next index and cut a torn tail.
     *
     * @throws IOException naming the directory when it cannot be used, or another process holds it
     */
    public static SpoolLog open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool directory " + dir + " is in use by another collector (its lock file is held)");
        }
        SpoolLog spool = new SpoolLog(dir, segmentBytes, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void recover() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        long last = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            long base;
            try {
                base = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            } catch (NumberFormatException e) {
                log.warn("ignoring {} in the spool directory: not a segment name", file);
                continue;
            }
            segments.put(base, new Segment(base, file, Files.size(file), base - 1));
        }
        Map.Entry<Long, Segment> newest = segments.lastEntry();
        for (Segment s : segments.values()) {
            try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                SegmentReader reader = new SegmentReader(ch, 0, ch.size());
                for (SpoolEntry e = reader.next(); e != null; e = reader.next()) {
                    s.lastIndex = e.index();
                }
                skipped += reader.skipped();
                if (reader.lastGoodEnd() < ch.size() && s == newest.getValue()) {
                    log.warn("spool segment {} ends in a torn entry ({} bytes, e.g. the collector was killed while"
                            + " writing it): cut off", s.path, ch.size() - reader.lastGoodEnd());
                    ch.truncate(reader.lastGoodEnd());
                    ch.force(true);
                } else if (reader.skipped() > 0) {
                    log.warn("spool segment {}: {} damaged stretches skipped", s.path, reader.skipped());
                }
                s.length = ch.size();
            }
            last = Math.max(last, s.lastIndex);
            bytes += s.length;
        }
        nextIndex = last + 1;
    }

    /** Appends one poll's entry and returns its index. */
    public synchronized long append(String target, long runStartedAtMillis, long sequence, long collectedAtMillis,
                                    List<SpooledRecord> records) throws IOException {
        long index = nextIndex;
        ByteBuffer frame = EntryCodec.encode(new SpoolEntry(index, target, runStartedAtMillis, sequence,
                collectedAtMillis, records));
        if (active == null || rollBeforeAppend
                || (active.length > 0 && active.length + frame.remaining() > segmentBytes)) {
            roll();
            rollBeforeAppend = false;
        }
        long at = active.length;
        int size = frame.remaining();
        while (frame.hasRemaining()) {
            at += writer.write(frame, at);
        }
        active.length += size;
        active.lastIndex = index;
        bytes += size;
        nextIndex++;
        return index;
    }

    private void roll() throws IOException {
        if (writer != null) {
            writer.force(false);
            writer.close();
        }
        Path path = dir.resolve(String.format("%020d%s", nextIndex, SUFFIX));
        writer = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        active = new Segment(nextIndex, path, 0, nextIndex - 1);
        segments.put(active.base, active);
        fsyncDirectory();
    }

    /**
     * Numbers the next entry {@code index} at least. A machine crash loses the appends not yet forced to disk, so
     * the log can end below what the checkpoint (forced before every batch) already counts as delivered or in
     * flight; a new entry numbered in that range would be taken for delivered and never sent.
     *
     * @return how many indices were skipped (0 when the log already numbers from {@code index} or beyond)
     */
    public synchronized long numberFrom(long index) {
        if (index <= nextIndex) {
            return 0;
        }
        long skipped = index - nextIndex;
        nextIndex = index;
        rollBeforeAppend = true;
        return skipped;
    }

    /** Makes every append so far durable (fsync). */
    public void force() throws IOException {
        FileChannel w;
        synchronized (this) {
            w = writer;
        }
        if (w != null && w.isOpen()) {
            w.force(false);
        }
    }

    /**
     * Up to {@code maxRecords} records' (at least one entry's) worth of entries from index {@code from} on, in
     * order; fewer, or none, when the log ends sooner. Entries below the oldest segment are gone (dropped).
     */
    public List<SpoolEntry> read(long from, int maxRecords, long maxBytes) throws IOException {
        List<SpoolEntry> out = new ArrayList<>();
        int records = 0;
        long size = 0;
        Cursor c = cursorFor(from);
        while (c != null) {
            Segment s;
            synchronized (this) {
                s = segments.get(c.segmentBase);
            }
            if (s == null) {
                break;
            }
            long limit = s.length;
            try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
                SegmentReader reader = new SegmentReader(ch, c.position, limit);
                for (SpoolEntry e = reader.next(); e != null; e = reader.next()) {
                    c = new Cursor(s.base, reader.position(), e.index() + 1);
                    if (e.index() < from) {
                        continue;
                    }
                    out.add(e);
                    records += e.records().size();
                    size += e.recordBytes();
                    if (records >= maxRecords || size >= maxBytes) {
                        cursor = c;
                        return out;
                    }
                }
                c = new Cursor(s.base, reader.position(), c.nextIndex);
                synchronized (this) {
                    skipped += reader.skipped();
                }
            }
            Map.Entry<Long, Segment> next;
            synchronized (this) {
                next = segments.higherEntry(s.base);
            }
            if (s.length > c.position) {
                continue; // appended to (or rolled) while it was read: read the rest of it first
            }
            if (next == null) {
                break;
            }
            c = new Cursor(next.getKey(), 0, Math.max(c.nextIndex, next.getKey()));
        }
        cursor = c;
        return out;
    }

    private synchronized Cursor cursorFor(long from) {
        if (cursor != null && cursor.nextIndex == from && segments.containsKey(cursor.segmentBase)) {
            return cursor;
        }
        Map.Entry<Long, Segment> s = segments.floorEntry(from);
        if (s == null) {
            s = segments.firstEntry();
        }
        return s == null ? null : new Cursor(s.getKey(), 0, s.getKey());
    }

    /**
     * The entries of the oldest segment, which {@link #deleteOldest()} deletes next; when it is the segment being
     * appended to, a new one is started first so that appends go on.
     */
    public synchronized List<DroppedEntry> peekOldest() throws IOException {
        Map.Entry<Long, Segment> oldest = segments.firstEntry();
        if (oldest == null) {
            return List.of();
        }
        Segment s = oldest.getValue();
        if (s == active) {
            roll();
        }
        List<DroppedEntry> entries = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
            SegmentReader reader = new SegmentReader(ch, 0, s.length);
            for (SpoolEntry e = reader.next(); e != null; e = reader.next()) {
                entries.add(new DroppedEntry(e.index(), e.target(), e.runStartedAtMillis(), e.sequence(),
                        e.records().size()));
            }
        }
        return entries;
    }

    /** Deletes the oldest segment (after {@link #peekOldest()}, which made sure it is not appended to). */
    public synchronized void deleteOldest() throws IOException {
        Map.Entry<Long, Segment> oldest = segments.firstEntry();
        if (oldest == null || oldest.getValue() == active) {
            return;
        }
        Segment s = oldest.getValue();
        segments.remove(s.base);
        bytes -= s.length;
        Files.deleteIfExists(s.path);
        fsyncDirectory();
    }

    /** Deletes the segments whose every entry is below {@code index} (delivered); never the one appended to. */
    public synchronized void deleteBelow(long index) throws IOException {
        while (!segments.isEmpty()) {
            Segment s = segments.firstEntry().getValue();
            if (s == active || s.lastIndex >= index) {
                return;
            }
            segments.remove(s.base);
            bytes -= s.length;
            Files.deleteIfExists(s.path);
        }
    }

    /** Records of the entries from index {@code from} on (reads the log in batches: for start-up). */
    public long countRecordsFrom(long from) throws IOException {
        long count = 0;
        long next = from;
        while (true) {
            List<SpoolEntry> batch = read(next, 10_000, 16 << 20);
            if (batch.isEmpty()) {
                return count;
            }
            for (SpoolEntry e : batch) {
                count += e.records().size();
            }
            next = batch.getLast().index() + 1;
        }
    }

    /** Bytes of every segment file. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The index the next append gets. */
    public synchronized long nextIndex() {
        return nextIndex;
    }

    /** Damaged or torn stretches skipped since the log was opened (start-up included). */
    public synchronized long skippedStretches() {
        return skipped;
    }

    public Path directory() {
        return dir;
    }

    private void fsyncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the files themselves are still forced.
            log.debug("cannot fsync the spool directory {}", dir, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (writer != null) {
                writer.force(false);
                writer.close();
            }
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                lockChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "spool " + Objects.toString(dir);
    }
}
