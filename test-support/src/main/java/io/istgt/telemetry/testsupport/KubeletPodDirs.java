package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A directory laid out as the kubelet lays out its pods ({@code /var/lib/kubelet/pods}): one directory per pod,
 * named by the pod's uid, and in it {@code volumes/kubernetes.io~empty-dir/<volume name>/} for each emptyDir. A
 * cStor target pod has two: {@code sockfile} (istgt's socket) and {@code conf} (istgt.conf).
 *
 * <p>The root is a short path ({@code /tmp/kpxxxxx}): a unix socket's path holds at most 107 bytes, and a pod's
 * socket path is already 92 bytes below the root.
 *
 * <pre>{@code
 * try (KubeletPodDirs pods = KubeletPodDirs.create()) {
 *     KubeletPodDirs.Pod pod = pods.addPod();
 *     EmulatedIstgt.start(pod.socket(), config);   // istgt in the pod's "sockfile" emptyDir
 *     ...
 *     pods.remove(pod);                             // the pod deleted: its directory goes
 * }
 * }</pre>
 */
public final class KubeletPodDirs implements AutoCloseable {

    /** Where cStor's target pod has istgt's socket, relative to its pod directory. */
    public static final String SOCKET = "volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock";
    /** Where cStor's target pod has istgt.conf, relative to its pod directory. */
    public static final String CONF = "volumes/kubernetes.io~empty-dir/conf/istgt.conf";

    private final Path root;

    private KubeletPodDirs(Path root) {
        this.root = root;
    }

    /** A new, empty pods directory under /tmp (or {@code java.io.tmpdir} if /tmp is missing). */
    public static KubeletPodDirs create() {
        Path tmp = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; attempt < 100; attempt++) {
            // at most 5 characters after "kp": a pod's socket path stays within 105 bytes
            String name = "kp" + Integer.toString(ThreadLocalRandom.current().nextInt(60_000_000), 36);
            try {
                return new KubeletPodDirs(Files.createDirectory(tmp.resolve(name)));
            } catch (FileAlreadyExistsException e) {
                // another run's: draw another name
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a pods directory in " + tmp, e);
            }
        }
        throw new IllegalStateException("no free pods directory name in " + tmp + " after 100 attempts");
    }

    public Path root() {
        return root;
    }

    /** A new pod directory, with a uid of its own, and its empty "sockfile" and "conf" emptyDirs. */
    public Pod addPod() {
        Pod pod = new Pod(UUID.randomUUID().toString(), root);
        try {
            Files.createDirectories(pod.socket().getParent());
            Files.createDirectories(pod.conf().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make pod directory " + pod.dir(), e);
        }
        return pod;
    }

    /**
     * A new pod whose istgt is one already serving elsewhere on this file system: its socket hard-linked into the
     * pod's "sockfile" emptyDir (a link reaches the same listening socket), its istgt.conf copied into "conf"
     * unless {@code conf} is null (a pod whose istgt.conf is not written yet). Emulated istgts started as one
     * fleet are so laid out as the kubelet lays out their pods, and added or removed one by one.
     */
    public Pod addPodServing(Path socket, Path conf) {
        Pod pod = addPod();
        try {
            Files.createLink(pod.socket(), socket);
            if (conf != null) {
                Files.copy(conf, pod.conf());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the istgt at " + socket + " in pod directory " + pod.dir()
                    + " (a hard link needs both on one file system)", e);
        }
        return pod;
    }

    /** A pod directory with nothing in it (any other pod of the node: no socket). */
    public Path addPodWithoutVolumes() {
        try {
            return Files.createDirectory(root.resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a pod directory in " + root, e);
        }
    }

    /** Removes the pod's directory and everything in it, as the kubelet does once the pod is gone. */
    public void remove(Pod pod) {
        deleteTree(pod.dir());
    }

    @Override
    public void close() {
        deleteTree(root);
    }

    private static void deleteTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + top, e);
        }
    }

    /** One pod's directory in the pods directory. */
    public record Pod(String uid, Path podsDir) {

        public Path dir() {
            return podsDir.resolve(uid);
        }

        /** Where istgt's control socket goes: the pod's emptyDir "sockfile", mounted on /var/run in the pod. */
        public Path socket() {
            return dir().resolve(SOCKET);
        }

        /** Where istgt.conf goes: the pod's emptyDir "conf", mounted on /usr/local/etc/istgt in the pod. */
        public Path conf() {
            return dir().resolve(CONF);
        }
    }
}
