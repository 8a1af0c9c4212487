package io.istgt.telemetry.collector.run;

import io.istgt.telemetry.collector.conf.IstgtConfWatch;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link SocketDirectoryWatcher} looks for istgt sockets under the directory it watches, and where each
 * target's istgt.conf is: the sockets of a flat directory ({@link Directory}), or one socket in each pod directory
 * of the kubelet ({@link KubeletPods}).
 */
public sealed interface SocketLayout {

    /** The directory watched; it may not exist yet. */
    Path root();

    /** The path at which an entry of {@link #root()} would hold a socket, if it can hold one. */
    Optional<Path> socketIn(Path entry);

    /** Where the istgt.conf of the target at {@code socket} is, in the order they are tried. */
    List<Path> confCandidates(Path socket);

    /**
     * Every unix socket of {@code dir} whose name matches {@code glob} (istgts side by side, or a sidecar's run
     * directory). A target's istgt.conf is its own beside the socket ({@code <socket>.conf}), then {@code sharedConf}.
     */
    record Directory(Path dir, String glob, Path sharedConf) implements SocketLayout {

        public Directory {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(glob, "glob");
            Objects.requireNonNull(sharedConf, "sharedConf");
            matcher(dir, glob); // a malformed glob fails here, not at the first scan
        }

        private static PathMatcher matcher(Path dir, String glob) {
            return dir.getFileSystem().getPathMatcher("glob:" + glob);
        }

        @Override
        public Path root() {
            return dir;
        }

        @Override
        public Optional<Path> socketIn(Path entry) {
            return matcher(dir, glob).matches(entry.getFileName()) ? Optional.of(entry) : Optional.empty();
        }

        @Override
        public List<Path> confCandidates(Path socket) {
            return IstgtConfWatch.candidates(socket, sharedConf);
        }
    }

    /**
     * The kubelet's pod directories ({@code /var/lib/kubelet/pods/<pod uid>/}, mounted read-only): each pod
     * directory holding a unix socket at {@code socket} (relative to the pod directory) is a target, and its
     * istgt.conf is at {@code conf} in the same pod directory. A cStor target pod keeps both in emptyDir volumes,
     * which the kubelet keeps at {@code volumes/kubernetes.io~empty-dir/<volume name>/} of the pod directory.
     */
    record KubeletPods(Path podsDir, Path socket, Path conf) implements SocketLayout {

        public static final Path DEFAULT_SOCKET = Path.of("volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock");
        public static final Path DEFAULT_CONF = Path.of("volumes/kubernetes.io~empty-dir/conf/istgt.conf");

        public KubeletPods {
            Objects.requireNonNull(podsDir, "podsDir");
            requireRelative(socket, "socket");
            requireRelative(conf, "conf");
        }

        private static void requireRelative(Path p, String what) {
            Objects.requireNonNull(p, what);
            if (p.isAbsolute() || p.toString().isEmpty() || p.normalize().startsWith("..")) {
                throw new IllegalArgumentException(what + " must be a path inside a pod directory, got '" + p + "'");
            }
        }

        @Override
        public Path root() {
            return podsDir;
        }

        @Override
        public Optional<Path> socketIn(Path entry) {
            // Not following links: a pod directory is a directory the kubelet made, never a link.
            return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? Optional.of(entry.resolve(socket))
                    : Optional.empty();
        }

        @Override
        public List<Path> confCandidates(Path socketPath) {
            return List.of(podDir(socketPath).resolve(conf));
        }

        /** The pod directory a socket found by {@link #socketIn} is in. */
        public Path podDir(Path socketPath) {
            return podsDir.resolve(podsDir.relativize(socketPath).getName(0));
        }
    }
}
