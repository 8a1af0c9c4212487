package io.istgt.telemetry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.collector.conf.IstgtConf.ReplicationSettings;
import io.istgt.telemetry.collector.conf.IstgtConfWatch;
import io.istgt.telemetry.testsupport.KubeletPodDirs;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node collector's discovery: the watcher over a directory laid out as the kubelet lays out its pods, with
 * real unix sockets in the pods' "sockfile" emptyDirs.
 */
class KubeletPodsDiscoveryTest {

    private static final String VOL = "iqn.2016-09.com.openebs.cstor:vol1";

    private final KubeletPodDirs pods = KubeletPodDirs.create();
    private final SocketLayout.KubeletPods layout = new SocketLayout.KubeletPods(pods.root(),
            SocketLayout.KubeletPods.DEFAULT_SOCKET, SocketLayout.KubeletPods.DEFAULT_CONF);
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private SocketDirectoryWatcher watcher;

    @AfterEach
    void stop() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        for (ServerSocketChannel s : servers) {
            s.close();
        }
        pods.close();
    }

    private void watch(SocketLayout l, Duration rescan) throws Exception {
        watcher = new SocketDirectoryWatcher(l, rescan, p -> events.add("+" + p), p -> events.add("-" + p));
    }

    private void listen(Path path) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        servers.add(server);
    }

    private String next() throws InterruptedException {
        String e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("an event within 20 s").isNotNull();
        return e;
    }

    @Test
    void shouldFindTheSocketOfEveryTargetPodAlreadyThereAtStart() throws Exception {
        KubeletPodDirs.Pod a = pods.addPod();
        KubeletPodDirs.Pod b = pods.addPod();
        listen(a.socket());
        listen(b.socket());

        watch(layout, Duration.ofMinutes(1));

        assertThat(events).containsExactlyInAnyOrder("+" + a.socket(), "+" + b.socket());
    }

    @Test
    void shouldPickUpPodsAsTheyComeAndDropThemAsTheyGo() throws Exception {
        watch(layout, Duration.ofMillis(100));

        KubeletPodDirs.Pod a = pods.addPod();
        listen(a.socket());
        assertThat(next()).isEqualTo("+" + a.socket());
        KubeletPodDirs.Pod b = pods.addPod();
        listen(b.socket());
        assertThat(next()).isEqualTo("+" + b.socket());

        pods.remove(a);
        assertThat(next()).as("pod a deleted").isEqualTo("-" + a.socket());
        pods.remove(b);
        assertThat(next()).as("pod b deleted").isEqualTo("-" + b.socket());
    }

    @Test
    void shouldIgnorePodsWithoutASocketAndPathsThatAreNotSockets() throws Exception {
        pods.addPodWithoutVolumes();                                 // any other pod of the node
        pods.addPod();                                               // a target pod whose istgt has not started
        KubeletPodDirs.Pod file = pods.addPod();
        Files.writeString(file.socket(), "not a socket");            // a regular file where the socket would be
        KubeletPodDirs.Pod dir = pods.addPod();
        Files.createDirectory(dir.socket());                         // a directory there
        Files.writeString(pods.root().resolve("stray-file"), "x");   // not a pod directory at all
        KubeletPodDirs.Pod real = pods.addPod();
        listen(real.socket());

        watch(layout, Duration.ofMinutes(1));
        watcher.rescan();

        assertThat(events).containsExactly("+" + real.socket());
    }

    @Test
    void shouldFindASocketMadeInAPodDirectoryThatAlreadyExisted() throws Exception {
        KubeletPodDirs.Pod starting = pods.addPod();
        watch(layout, Duration.ofMillis(100));
        assertThat(events).isEmpty();

        listen(starting.socket());

        assertThat(next()).as("found by the rescan").isEqualTo("+" + starting.socket());
    }

    @Test
    void shouldNotPollASocketWhosePathIsTooLongToConnectTo() throws Exception {
        // a socket path over 107 bytes: connect(2) could not reach it by its path
        Path deep = Path.of("d".repeat(60));
        SocketLayout.KubeletPods longLayout = new SocketLayout.KubeletPods(pods.root(), deep.resolve("s"),
                SocketLayout.KubeletPods.DEFAULT_CONF);
        KubeletPodDirs.Pod pod = pods.addPod();
        Files.createDirectories(pod.dir().resolve(deep));
        Files.writeString(pod.dir().resolve(deep).resolve("s"), "a file: a socket cannot be bound at that length");

        watch(longLayout, Duration.ofMinutes(1));

        assertThat(events).isEmpty();
        assertThat(pod.dir().resolve(deep).resolve("s").toString().length())
                .isGreaterThan(SocketDirectoryWatcher.MAX_SOCKET_PATH_BYTES);
    }

    @Test
    void shouldReadEachTargetsIstgtConfFromItsOwnPodAndWaitForOneThatIsMissing() throws Exception {
        KubeletPodDirs.Pod pod = pods.addPod();
        List<Path> candidates = layout.confCandidates(pod.socket());
        assertThat(candidates).containsExactly(pod.conf());
        IstgtConfWatch conf = new IstgtConfWatch(pod.socket().toString(), candidates);

        assertThat(conf.settingsFor(VOL)).as("no istgt.conf in the pod's conf emptyDir yet").isEmpty();

        Files.writeString(pod.conf(), String.join("\n", List.of("[Global]", "  NodeBase iqn.2016-09.com.openebs.cstor",
                "[LogicalUnit1]", "  TargetName vol1", "  DesiredReplicationFactor 3", "  ReplicationFactor 3",
                "  ConsistencyFactor 2", "")));

        assertThat(conf.settingsFor(VOL)).contains(new ReplicationSettings(3, 2, 3, pod.conf()));
    }

    @Test
    void shouldRefusePatternsOutsideThePodDirectory() {
        assertThatThrownBy(() -> new SocketLayout.KubeletPods(pods.root(), Path.of("/var/run/istgt_ctl_sock"),
                SocketLayout.KubeletPods.DEFAULT_CONF)).hasMessageContaining("socket must be a path inside a pod");
        assertThatThrownBy(() -> new SocketLayout.KubeletPods(pods.root(), SocketLayout.KubeletPods.DEFAULT_SOCKET,
                Path.of("../other/istgt.conf"))).hasMessageContaining("conf must be a path inside a pod");
    }
}
