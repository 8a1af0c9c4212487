package io.istgt.telemetry.collector.conf;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.conf.IstgtConf.ReplicationSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IstgtConfTest {

    private static final Path FILE = Path.of("/usr/local/etc/istgt/istgt.conf");
    private static final String NODE_BASE = "iqn.2016-09.com.openebs.cstor";

    @Test
    void shouldReadEachLogicalUnitsFactorsByTheIqnItServesInCStorsForm() throws IOException {
        IstgtConf conf = IstgtConf.parse(FILE, resource("cstor-two-volumes.conf"));

        assertThat(conf.problems()).isEmpty();
        assertThat(conf.volumes()).containsExactly(
                java.util.Map.entry(NODE_BASE + ":pvc-5f1b3e0c-rf5", new ReplicationSettings(5, 3, 5, FILE)),
                java.util.Map.entry(NODE_BASE + ":pvc-77aa-rf3", new ReplicationSettings(3, 2, 4, FILE)));
    }

    @Test
    void shouldTakeAWholeIqnAsTargetNameAndMatchKeysAndSectionsWhateverTheirCase() {
        IstgtConf conf = IstgtConf.parse(FILE, """
                [logicalunit7]
                  targetname iqn.2024-01.org.example:vol9
                  replicationfactor 1
                  CONSISTENCYFACTOR 1
                """);

        assertThat(conf.problems()).isEmpty();
        assertThat(conf.volumes()).containsEntry("iqn.2024-01.org.example:vol9", new ReplicationSettings(1, 1, null, FILE));
    }

    @Test
    void shouldNameEveryLineItCannotReadAndKeepTheRest() {
        IstgtConf conf = IstgtConf.parse(FILE, """
                stray line
                [Global]
                  NodeBase iqn.2016-09.com.openebs.cstor
                [LogicalUnit1]
                  TargetName vol1
                  ReplicationFactor three
                  ConsistencyFactor 2
                [LogicalUnit2]
                  ReplicationFactor 3
                [LogicalUnit3]
                  TargetName vol1
                  ReplicationFactor 0
                [Broken
                """);

        assertThat(conf.volumes()).containsExactly(
                java.util.Map.entry(NODE_BASE + ":vol1", new ReplicationSettings(null, 2, null, FILE)));
        assertThat(conf.problems()).containsExactly(
                FILE + " line 1: 'stray line' comes before any [Section] header",
                FILE + " line 13: '[Broken' is not a [Section] header",
                FILE + " line 6: [LogicalUnit1] ReplicationFactor 'three' is not a whole number of replicas (1 or"
                        + " more); left out",
                FILE + " line 8: [LogicalUnit2] has no TargetName",
                FILE + " line 12: [LogicalUnit3] ReplicationFactor '0' is not a whole number of replicas (1 or more);"
                        + " left out",
                FILE + " line 10: [LogicalUnit3] serves " + NODE_BASE + ":vol1 again; the first section is used");
    }

    @Test
    void shouldRefuseToGuessAnIqnWithoutNodeBase() {
        IstgtConf conf = IstgtConf.parse(FILE, "[LogicalUnit1]\n  TargetName vol1\n  ReplicationFactor 3\n");

        assertThat(conf.volumes()).isEmpty();
        assertThat(conf.problems()).containsExactly(FILE + " line 2: [LogicalUnit1] TargetName vol1 needs a NodeBase"
                + " in [Global] to make an iqn");
    }

    @Test
    void shouldReadNothingFromAnEmptyOrForeignFileAndSaySoOnlyForWhatLooksWrong() {
        assertThat(IstgtConf.parse(FILE, "").volumes()).isEmpty();
        assertThat(IstgtConf.parse(FILE, "").problems()).isEmpty();
        assertThat(IstgtConf.parse(FILE, "{\"json\": true}").problems()).hasSize(1);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = IstgtConfTest.class.getResourceAsStream("/istgt-conf/" + name)) {
            assertThat(in).as("test resource istgt-conf/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
