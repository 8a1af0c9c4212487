package io.istgt.telemetry.collector.conf;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.conf.IstgtConf.ReplicationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IstgtConfWatchTest {

    private static final String VOL = "iqn.2016-09.com.openebs.cstor:vol1";

    @TempDir
    Path dir;
    private Path socket;
    private Path shared;
    private IstgtConfWatch watch;

    @BeforeEach
    void setUp() {
        socket = dir.resolve("vol1.sock");
        shared = dir.resolve("etc-istgt.conf");
        watch = new IstgtConfWatch("vol1", IstgtConfWatch.candidates(socket, shared));
    }

    @Test
    void shouldLookBesideTheSocketFirstThenAtTheSharedFile() {
        assertThat(IstgtConfWatch.candidates(socket, shared)).containsExactly(dir.resolve("vol1.sock.conf"), shared);
    }

    @Test
    void shouldGiveNothingWithoutAFileAndPickTheFileUpWhenItAppears() throws Exception {
        assertThat(watch.settingsFor(VOL)).isEmpty();

        write(shared, 3, 2, 3);

        assertThat(watch.settingsFor(VOL)).contains(new ReplicationSettings(3, 2, 3, shared));
    }

    @Test
    void shouldReadTheFileAgainWhenCStorRewritesIt() throws Exception {
        write(shared, 3, 2, 3);
        assertThat(watch.settingsFor(VOL)).contains(new ReplicationSettings(3, 2, 3, shared));

        // cstor-volume-mgmt raises DesiredReplicationFactor when a replica is added: a new file in place
        write(shared, 3, 2, 4);

        assertThat(watch.settingsFor(VOL)).contains(new ReplicationSettings(3, 2, 4, shared));
    }

    @Test
    void shouldPreferTheTargetsOwnFileBesideItsSocket() throws Exception {
        write(shared, 3, 2, 3);
        Path own = dir.resolve("vol1.sock.conf");
        write(own, 5, 3, 5);

        assertThat(watch.settingsFor(VOL)).contains(new ReplicationSettings(5, 3, 5, own));

        Files.delete(own);

        assertThat(watch.settingsFor(VOL)).as("back to the shared file once its own is gone")
                .contains(new ReplicationSettings(3, 2, 3, shared));
    }

    @Test
    void shouldKeepPollingWithoutTheValuesAMalformedFileOrAnotherVolumesSectionLacks() throws Exception {
        Files.writeString(shared, "[Global]\n NodeBase iqn.2016-09.com.openebs.cstor\n[LogicalUnit1]\n"
                + " TargetName vol1\n ReplicationFactor x\n ConsistencyFactor 2\n");

        assertThat(watch.settingsFor(VOL)).contains(new ReplicationSettings(null, 2, null, shared));
        assertThat(watch.settingsFor("iqn.2016-09.com.openebs.cstor:other")).isEmpty();
    }

    @Test
    void shouldGiveNothingOnceTheFileIsGone() throws Exception {
        write(shared, 3, 2, 3);
        assertThat(watch.settingsFor(VOL)).isPresent();

        Files.delete(shared);

        assertThat(watch.settingsFor(VOL)).isEmpty();
    }

    /** Writes the file as cstor-volume-mgmt does: a new file renamed over the old one. */
    private static void write(Path file, int rf, int cf, int drf) throws Exception {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, String.join("\n", List.of("[Global]", "  NodeBase iqn.2016-09.com.openebs.cstor",
                "[LogicalUnit1]", "  TargetName vol1", "  DesiredReplicationFactor " + drf,
                "  ReplicationFactor " + rf, "  ConsistencyFactor " + cf, "")));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
