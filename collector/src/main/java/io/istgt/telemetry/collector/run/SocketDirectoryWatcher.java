package io.istgt.telemetry.collector.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a directory's unix sockets polled: a socket that appears is added, one that leaves is removed. Where the
 * sockets are is the {@link SocketLayout}'s: in the directory itself, whose names match a glob (by default any
 * name: istgt's own socket is called {@code istgt_ctl_sock}), or one at a fixed path inside each of its
 * subdirectories (the kubelet's pod directories). Only unix socket files count; other files are ignored. The
 * directory is rescanned on every change the {@link WatchService} reports (a socket or a pod directory made or
 * removed), and also every {@code rescanInterval}, because a watch service may miss events (overflow, some file
 * systems), a socket file may be replaced without a delete event, and a socket deep in a pod directory that
 * already existed changes nothing in the watched directory itself.
 *
 * <p>A directory that does not exist (yet) is an empty one: a sidecar may start before istgt made its run
 * directory, a node may have no volumes yet. It is looked for at every rescan, watched once it appears, and its
 * sockets dropped if it goes.
 */
public final class SocketDirectoryWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketDirectoryWatcher.class);
    /** st_mode's file type bits and the socket type (S_IFMT, S_IFSOCK). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    /**
     * The longest path a unix socket address holds on Linux (sun_path is 108 bytes with the terminating NUL): a
     * socket at a longer path cannot be connected to by its path.
     */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path dir;
    private final SocketLayout layout;
    private final Consumer<Path> appeared;
    private final Consumer<Path> vanished;
    private final Set<Path> known = new HashSet<>();
    private final Set<Path> warnedTooLong = new HashSet<>();
    private final WatchService watch;
    /** Whether {@link #dir} is registered with {@link #watch} now (it may not exist yet, or have been removed). */
    private boolean watching;
    private boolean reportedMissing;
    private final Thread watcher;
    private final ScheduledExecutorService rescans;

    /**
     * Scans the layout's directory once (calling {@code appeared} for each socket found) and starts watching it.
     *
     * @throws IOException if the directory exists but cannot be read or watched
     */
    public SocketDirectoryWatcher(SocketLayout layout, Duration rescanInterval, Consumer<Path> appeared,
                                  Consumer<Path> vanished) throws IOException {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.dir = layout.root();
        this.appeared = Objects.requireNonNull(appeared, "appeared");
        this.vanished = Objects.requireNonNull(vanished, "vanished");
        this.watch = dir.getFileSystem().newWatchService();
        rescan();
        this.watcher = Thread.ofPlatform().daemon().name("socket-dir-watch").start(this::watchLoop);
        this.rescans = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("socket-dir-rescan").unstarted(r));
        rescans.scheduleWithFixedDelay(this::rescanLogged, rescanInterval.toMillis(), rescanInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Compares the directory with what is polled and reports the differences. */
    public synchronized void rescan() throws IOException {
        Set<Path> now = new HashSet<>();
        if (Files.isDirectory(dir)) {
            if (!watching) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                watching = true;
                if (reportedMissing) {
                    log.info("socket directory {} is there now: watching it", dir);
                    reportedMissing = false;
                }
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    layout.socketIn(entry).filter(p -> isSocket(p) && fitsAddress(p)).ifPresent(now::add);
                }
            }
        } else {
            watching = false;
            if (!reportedMissing) {
                log.warn("socket directory {} does not exist{}: no targets to poll until it appears (looked for"
                        + " at every rescan)", dir, Files.exists(dir) ? " as a directory" : " yet");
                reportedMissing = true;
            }
        }
        for (Path p : now) {
            if (known.add(p)) {
                log.info("socket {} appeared", p);
                appeared.accept(p);
            }
        }
        for (Path p : Set.copyOf(known)) {
            if (!now.contains(p)) {
                known.remove(p);
                log.info("socket {} is gone", p);
                vanished.accept(p);
            }
        }
    }

    /** Whether a socket at {@code p} can be connected to by its path; says once why not. */
    private boolean fitsAddress(Path p) {
        int bytes = p.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_SOCKET_PATH_BYTES) {
            return true;
        }
        if (warnedTooLong.add(p)) {
            log.error("socket {} is not polled: its path is {} bytes, over the {} a unix socket address holds; mount"
                    + " the directory {} at a shorter path", p, bytes, MAX_SOCKET_PATH_BYTES, dir);
        }
        return false;
    }

    /** Whether {@code p} is a unix socket (not following links: a link to a socket elsewhere is not this dir's). */
    static boolean isSocket(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException e) {
            // No "unix" attribute view on this platform: a socket is "other" (neither file, directory nor link).
            return basicOther(p);
        } catch (IOException e) {
            // Gone between listing and reading: not a socket now, the next scan sees it as gone.
            log.debug("cannot read the file type of {}", p, e);
            return false;
        }
    }

    private static boolean basicOther(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            log.debug("cannot read the attributes of {}", p, e);
            return false;
        }
    }

    private void watchLoop() {
        while (true) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ClosedWatchServiceException e) {
                return;
            }
            // Every kind of event, overflow included, is answered the same way: look at the directory again.
            key.pollEvents();
            if (!key.reset()) {
                // The directory went (deleted, unmounted): the rescan drops its sockets and looks for it again.
                synchronized (this) {
                    watching = false;
                }
            }
            rescanLogged();
        }
    }

    private void rescanLogged() {
        try {
            rescan();
        } catch (IOException | RuntimeException e) {
            log.error("cannot rescan socket directory {}; will try again", dir, e);
        }
    }

    @Override
    public void close() throws IOException {
        rescans.shutdownNow();
        watch.close();
        watcher.interrupt();
    }
}
