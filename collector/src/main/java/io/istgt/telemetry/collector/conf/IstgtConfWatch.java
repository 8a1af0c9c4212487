package io.istgt.telemetry.collector.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's istgt.conf, read again whenever it changes: the first of its candidate files that exists (the
 * target's own, beside its socket, then the configured one). A missing, unreadable or malformed file is a warning
 * (logged once for each state of the file, not on every poll) and leaves the settings out; it never stops a poll.
 *
 * <p>Checking costs one {@code stat} per candidate per poll; the file is read only when its modification time,
 * size or identity changed (cstor-volume-mgmt rewrites it when replicas are added or removed).
 *
 * <p>Used by one poll at a time (the scheduler runs one poll per target), so it needs no lock.
 */
public final class IstgtConfWatch {

    private static final Logger log = LoggerFactory.getLogger(IstgtConfWatch.class);

    private final String target;
    private final List<Path> candidates;
    private Stamp readStamp;
    private IstgtConf conf;
    private String lastAbsence;
    private final Set<String> warnedMissing = new HashSet<>();

    /**
     * @param target     the target's name, for the log
     * @param candidates where to look, in order
     */
    public IstgtConfWatch(String target, List<Path> candidates) {
        this.target = Objects.requireNonNull(target, "target");
        this.candidates = List.copyOf(candidates);
    }

    /** The candidates for a target polled at {@code socket}: its own file beside the socket, then {@code shared}. */
    public static List<Path> candidates(Path socket, Path shared) {
        Path own = socket.resolveSibling(socket.getFileName() + ".conf");
        return own.equals(shared) ? List.of(own) : List.of(own, shared);
    }

    /** The volume's settings as the current file states them; empty without a readable file or its section. */
    public Optional<IstgtConf.ReplicationSettings> settingsFor(String iqn) {
        refresh();
        if (conf == null) {
            return Optional.empty();
        }
        IstgtConf.ReplicationSettings settings = conf.volumes().get(iqn);
        if (settings == null && warnedMissing.add(iqn)) {
            log.warn("{}: {} has no [LogicalUnit] section for {} (it has {}); its records carry no replication"
                    + " settings, and the analytics judge it by their configured RF and CF", target, conf.path(), iqn,
                    conf.volumes().keySet());
        }
        return Optional.ofNullable(settings);
    }

    private void refresh() {
        for (Path candidate : candidates) {
            Stamp stamp;
            try {
                stamp = Stamp.of(candidate);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                absent("cannot read " + candidate + ": " + e);
                return;
            }
            if (!stamp.equals(readStamp)) {
                read(candidate, stamp);
            }
            return;
        }
        absent("no istgt.conf at " + String.join(" or ", candidates.stream().map(Path::toString).toList()));
    }

    private void read(Path file, Stamp stamp) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            absent("cannot read " + file + ": " + e);
            return;
        }
        conf = IstgtConf.parse(file, text);
        readStamp = stamp;
        lastAbsence = null;
        warnedMissing.clear();
        if (conf.problems().isEmpty()) {
            log.info("{}: read {}: replication settings of {}", target, file, conf.volumes().keySet());
        } else {
            log.warn("{}: read {} with problems (the values they name are left out): {}", target, file,
                    String.join("; ", conf.problems()));
        }
    }

    private void absent(String why) {
        conf = null;
        readStamp = null;
        if (!why.equals(lastAbsence)) {
            lastAbsence = why;
            log.warn("{}: {}; its records carry no replication settings, and the analytics judge its volumes by"
                    + " their configured RF and CF (--istgt-conf names the file)", target, why);
        }
    }

    /** What tells a changed file: a rewrite by rename changes the identity, an edit in place the time or size. */
    private record Stamp(Object fileKey, long modifiedNanos, long size) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.size());
        }
    }
}
