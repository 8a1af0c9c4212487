package io.istgt.telemetry.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.collector.publish.RecordStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLogTest {

    @TempDir
    Path dir;

    private static List<SpooledRecord> records(int n, int size) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new SpooledRecord(
                i == 0 ? RecordStream.VOLUME : RecordStream.REPLICA, 11, new byte[] {(byte) i}, 22,
                new byte[size])).toList();
    }

    private static List<Long> sequences(List<SpoolEntry> entries) {
        return entries.stream().map(SpoolEntry::sequence).toList();
    }

    @Test
    void shouldReadBackEveryEntryInOrderWithItsRecordsAcrossSegments() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10)) {
            for (int seq = 1; seq <= 200; seq++) {
                log.append("/t" + (seq % 3), 1000, seq, 5000 + seq, records(3, 300));
            }
            assertThat(segments()).as("rolled into several segment files").hasSizeGreaterThan(1);

            List<SpoolEntry> all = log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE);

            assertThat(sequences(all)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 200)
                    .boxed().toList());
            SpoolEntry e = all.get(41);
            assertThat(e.index()).isEqualTo(42);
            assertThat(e.target()).isEqualTo("/t0");
            assertThat(e.runStartedAtMillis()).isEqualTo(1000);
            assertThat(e.collectedAtMillis()).isEqualTo(5042);
            assertThat(e.records()).hasSize(3);
            assertThat(e.records().get(1).stream()).isEqualTo(RecordStream.REPLICA);
            assertThat(e.records().get(1).key()).containsExactly(1);
            assertThat(e.records().get(1).value()).hasSize(300);
            assertThat(sequences(log.read(150, 9, Long.MAX_VALUE))).containsExactly(150L, 151L, 152L);
        }
    }

    @Test
    void shouldKeepEntriesAcrossARestartAndGoOnNumbering() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            log.append("/t", 1, 1, 1, records(1, 10));
            log.append("/t", 1, 2, 2, records(1, 10));
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThat(log.append("/t", 2, 1, 3, records(1, 10))).isEqualTo(3);
            assertThat(log.read(1, 100, Long.MAX_VALUE)).extracting(SpoolEntry::index).containsExactly(1L, 2L, 3L);
            assertThat(log.countRecordsFrom(2)).isEqualTo(2);
        }
    }

    @Test
    void shouldNumberNewEntriesPastWhatTheCheckpointCountedWhenACrashLostTheLastAppends() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int seq = 1; seq <= 3; seq++) {
                log.append("/t", 1, seq, seq, records(1, 10));
            }
        }
        // the checkpoint had counted entries up to 7 as delivered before the crash took entries 4 to 7 off the disk
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThat(log.numberFrom(8)).as("indices skipped").isEqualTo(4);
            assertThat(log.numberFrom(5)).as("never backwards").isZero();

            assertThat(log.append("/t", 2, 1, 9, records(1, 10))).isEqualTo(8);
            assertThat(log.append("/t", 2, 2, 10, records(1, 10))).isEqualTo(9);

            assertThat(log.read(1, 100, Long.MAX_VALUE)).extracting(SpoolEntry::index).containsExactly(1L, 2L, 3L, 8L, 9L);
            assertThat(log.read(8, 100, Long.MAX_VALUE)).extracting(SpoolEntry::index).containsExactly(8L, 9L);
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThat(log.append("/t", 3, 1, 11, records(1, 10))).as("after a restart too").isEqualTo(10);
        }
    }

    @Test
    void shouldCutATornLastEntryAndCountIt() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int seq = 1; seq <= 3; seq++) {
                log.append("/t", 1, seq, seq, records(2, 100));
            }
        }
        Path segment = segments().getFirst();
        long whole = Files.size(segment);
        // a kill -9 in the middle of a write: the last entry is there only in part
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(whole - 40);
        }

        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThat(log.skippedStretches()).isEqualTo(1);
            assertThat(sequences(log.read(1, 100, Long.MAX_VALUE))).containsExactly(1L, 2L);
            assertThat(log.append("/t", 2, 1, 9, records(1, 10))).as("the torn entry's index is reused").isEqualTo(3);
            assertThat(sequences(log.read(1, 100, Long.MAX_VALUE))).containsExactly(1L, 2L, 1L);
        }
    }

    @Test
    void shouldSkipADamagedEntryInTheMiddleAndReadTheOnesAfterIt() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int seq = 1; seq <= 3; seq++) {
                log.append("/t", 1, seq, seq, records(1, 100));
            }
        }
        Path segment = segments().getFirst();
        long entrySize = Files.size(segment) / 3;
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(entrySize + 60);
            f.write(new byte[] {1, 2, 3, 4});
        }

        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThat(sequences(log.read(1, 100, Long.MAX_VALUE))).containsExactly(1L, 3L);
            assertThat(log.skippedStretches()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void shouldDropTheOldestSegmentSayingWhichPollsItHeld() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 64 << 10)) {
            for (int seq = 1; seq <= 100; seq++) {
                log.append(seq % 2 == 0 ? "/even" : "/odd", 7, seq, seq, records(2, 1000));
            }
            long before = log.bytes();

            List<SpoolLog.DroppedEntry> dropped = log.peekOldest();
            log.deleteOldest();

            assertThat(dropped).isNotEmpty();
            assertThat(dropped.getFirst()).isEqualTo(new SpoolLog.DroppedEntry(1, "/odd", 7, 1, 2));
            assertThat(log.bytes()).isLessThan(before);
            assertThat(log.read(1, 1, Long.MAX_VALUE).getFirst().index()).isEqualTo(dropped.getLast().index() + 1);
        }
    }

    @Test
    void shouldRefuseASpoolDirectoryAnotherCollectorHolds() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertThatThrownBy(() -> SpoolLog.open(dir, 1 << 20)).isInstanceOf(IOException.class)
                    .hasMessage("spool directory " + dir + " is in use by another collector (its lock file is held)");
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }
}
