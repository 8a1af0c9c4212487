package io.istgt.telemetry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;

/** The directory watcher against real unix sockets appearing and disappearing. */
class SocketDirectoryWatcherTest {

    @TempDir
    Path dir;
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
    }

    private SocketDirectoryWatcher watch(String glob, Duration rescan) throws Exception {
        watcher = new SocketDirectoryWatcher(new SocketLayout.Directory(dir, glob, dir.resolve("istgt.conf")), rescan, p -> events.add("+" + p.getFileName()),
                p -> events.add("-" + p.getFileName()));
        return watcher;
    }

    private Path listen(String name) throws Exception {
        Path path = dir.resolve(name);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        servers.add(server);
        return path;
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an event within 10 s").isNotNull();
        return e;
    }

    @Test
    void shouldReportSocketsAlreadyThereAtStart() throws Exception {
        listen("istgt_ctl_sock");

        watch("*", Duration.ofMinutes(1));

        assertThat(events).containsExactly("+istgt_ctl_sock");
    }

    @Test
    void shouldPickUpSocketsThatAppearAndDropThoseThatLeave() throws Exception {
        watch("*", Duration.ofMinutes(1));

        Path a = listen("a.sock");
        assertThat(next()).isEqualTo("+a.sock");
        Path b = listen("b.sock");
        assertThat(next()).isEqualTo("+b.sock");
        Files.delete(a);
        assertThat(next()).isEqualTo("-a.sock");
        Files.delete(b);
        assertThat(next()).isEqualTo("-b.sock");
    }

    @Test
    void shouldIgnoreFilesDirectoriesAndNamesOutsideTheGlob() throws Exception {
        watch("*.sock", Duration.ofMinutes(1));

        Files.writeString(dir.resolve("not-a-socket.sock"), "x");
        Files.createDirectory(dir.resolve("sub.sock"));
        listen("other_name");
        listen("c.sock");

        assertThat(next()).isEqualTo("+c.sock");
        watcher.rescan();
        assertThat(events).isEmpty();
    }

    @Test
    void shouldReportASocketOnceWhetherTheWatchOrARescanSeesItFirst() throws Exception {
        watch("*", Duration.ofMillis(50));

        listen("late.sock");
        assertThat(next()).isEqualTo("+late.sock");
        watcher.rescan();
        watcher.rescan();

        assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("no second report").isNull();
    }

    @Test
    void shouldWaitForADirectoryThatDoesNotExistYetThenWatchItAndDropItsSocketsIfItGoes() throws Exception {
        Path parent = dir;
        dir = parent.resolve("run");
        watch("*", Duration.ofMillis(50));
        assertThat(events).as("nothing to poll while the directory is missing").isEmpty();

        Files.createDirectory(dir);
        listen("a.sock");
        assertThat(next()).as("picked up once the directory appeared").isEqualTo("+a.sock");
        listen("b.sock");
        assertThat(next()).isEqualTo("+b.sock");

        for (ServerSocketChannel s : servers) {
            s.close();
        }
        servers.clear();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        assertThat(List.of(next(), next())).containsExactlyInAnyOrder("-a.sock", "-b.sock");

        Files.createDirectory(dir);
        listen("c.sock");
        assertThat(next()).as("watched again once it is back").isEqualTo("+c.sock");
    }
}
