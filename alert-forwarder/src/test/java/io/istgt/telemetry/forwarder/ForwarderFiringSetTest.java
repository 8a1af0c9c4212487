package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForwarderFiringSetTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final FiringSet firing = new FiringSet();
    private final Alert episode1 = AlertRecords.firing(AlertRecords.IQN, null, AlertKind.VOLUME_OFFLINE,
            Severity.CRITICAL, T0);
    private final Alert episode2 = AlertRecords.firing(AlertRecords.IQN, null, AlertKind.VOLUME_OFFLINE,
            Severity.CRITICAL, T0.plusSeconds(600));

    @Test
    void shouldHoldWhatTheActiveTopicShowsUntilItsTombstone() {
        firing.fromActive(AlertRecords.key(episode1), episode1);
        assertThat(firing.snapshot()).containsExactly(episode1);

        firing.fromActive(AlertRecords.key(episode1), null);

        assertThat(firing.snapshot()).isEmpty();
    }

    @Test
    void shouldNotFireAgainAnEpisodeAChangeResolvedWhenTheActiveTopicIsBehind() {
        firing.fromChange(AlertRecords.key(episode1), episode1);
        firing.fromChange(AlertRecords.key(episode1), AlertRecords.resolved(episode1, T0.plusSeconds(60)));

        firing.fromActive(AlertRecords.key(episode1), episode1); // the active topic read later, still at episode 1

        assertThat(firing.snapshot()).isEmpty();
    }

    @Test
    void shouldKeepANewerEpisodeWhenTheTombstoneOfTheOlderOneArrives() {
        firing.fromActive(AlertRecords.key(episode1), episode1);
        firing.fromChange(AlertRecords.key(episode1), AlertRecords.resolved(episode1, T0.plusSeconds(60)));
        firing.fromChange(AlertRecords.key(episode2), episode2);

        firing.fromActive(AlertRecords.key(episode1), null); // episode 1's tombstone, read after episode 2 fired

        assertThat(firing.snapshot()).containsExactly(episode2);
    }

    @Test
    void shouldIgnoreATombstoneOfAnEpisodeItNeverSawFireAndWaitForTheChange() {
        firing.fromChange(AlertRecords.key(episode1), episode1);

        firing.fromActive(AlertRecords.key(episode1), null);

        assertThat(firing.snapshot()).containsExactly(episode1);
        firing.fromChange(AlertRecords.key(episode1), AlertRecords.resolved(episode1, T0.plusSeconds(60)));
        assertThat(firing.snapshot()).isEmpty();
    }

    @Test
    void shouldKeepOneEpisodePerKeyAndTellKeysApart() {
        Alert replica = AlertRecords.firing(AlertRecords.IQN, "9", AlertKind.REPLICA_DEGRADED, Severity.INFO, T0);
        firing.fromChange(AlertRecords.key(episode1), episode1);
        firing.fromChange(AlertRecords.key(replica), replica);
        firing.fromActive(AlertRecords.key(episode2), episode2);

        assertThat(firing.snapshot()).containsExactlyInAnyOrder(episode2, replica);
        assertThat(firing.size()).isEqualTo(2);
    }
}
