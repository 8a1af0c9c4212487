package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltInScenarioTest {

    @Test
    void shouldNameOnlyTheVolumesAndReplicasOfTheDefaultFourVolumes() throws Exception {
        try (EmulatorStage emulator = EmulatorStage.start(4, Duration.ofSeconds(8))) {
            EmulatorStage.Played played = emulator.play(Optional.empty());

            assertThat(played.skipped()).isEmpty();
            assertThat(played.timeline()).hasSize(8);
            assertThat(played.timeline().getFirst().text())
                    .isEqualTo("pvc-436d6b84-a331-4152-948d-b7a64ecb2c28 replica-disconnect 6162");
            assertThat(emulator.volumes()).contains("pvc-436d6b84-a331-4152-948d-b7a64ecb2c28",
                    "pvc-21f1c19d-9704-48ca-8d27-185e5a067822", "pvc-4a1985e1-a194-45c5-be45-2025e32f9a29",
                    "pvc-1a1a76bf-fb57-4287-bbc8-6a1f7f44d32f");
        }
    }

    @Test
    void shouldSkipTheStepsOfVolumesNotEmulated() {
        try (EmulatorStage emulator = EmulatorStage.start(1, Duration.ofSeconds(8))) {
            EmulatorStage.Played played = emulator.play(Optional.empty());

            assertThat(played.timeline()).hasSize(2);
            assertThat(played.skipped()).hasSize(6);
        }
    }
}
