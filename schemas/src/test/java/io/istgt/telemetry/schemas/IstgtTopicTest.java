package io.istgt.telemetry.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic catalogue, and README's table of topics held to it. */
class IstgtTopicTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void shouldNameEachTopicOnceAndKeyItByVolumeReplicaOrAlert() {
        assertThat(Arrays.stream(IstgtTopic.values()).map(IstgtTopic::defaultName)).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("istgt."));
        assertThat(Arrays.stream(IstgtTopic.values()).map(t -> t.keySchema().getName()))
                .allMatch(List.of("VolumeKey", "ReplicaKey", "AlertKey")::contains);
    }

    @Test
    void shouldKeepTheHistoryAtLeastAsLongAsTheLiveStatusItIsDerivedFrom() {
        // derived records keep their inputs' time: an output kept shorter than its input loses re-derived records
        assertThat(IstgtTopic.Retention.HISTORY.duration().orElseThrow())
                .isGreaterThanOrEqualTo(IstgtTopic.Retention.STATUS.duration().orElseThrow());
    }

    @Test
    void shouldBeWhatReadmesTableOfTopicsSays() throws IOException {
        List<String> rows = Files.readAllLines(README).stream().filter(l -> l.startsWith("| `istgt.")).toList();
        for (IstgtTopic topic : IstgtTopic.values()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + topic.defaultName() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README's table of topics lacks " + topic.defaultName()));
            assertThat(row).as("README's row of %s", topic.defaultName())
                    .contains("`" + topic.valueSchema().getName() + "`")
                    .contains(topic.retention().duration().map(d -> d.toDays() + " days").orElse("compacted"));
        }
    }
}
