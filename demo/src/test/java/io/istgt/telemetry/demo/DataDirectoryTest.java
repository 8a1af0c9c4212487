package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void shouldMarkANewDirectoryAndRemoveItWhenAsked() {
        DataDirectory.Prepared prepared = DataDirectory.prepare(tmp.resolve("data"));

        assertThat(prepared.removedPrevious()).isFalse();
        assertThat(tmp.resolve("data").resolve(DataDirectory.MARKER)).exists();
        prepared.dir().remove();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void shouldClearAPreviousRunsDataKeptWithKeep() throws Exception {
        DataDirectory.prepare(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/demo.log"), "old");

        DataDirectory.Prepared again = DataDirectory.prepare(tmp.resolve("data"));

        assertThat(again.removedPrevious()).isTrue();
        assertThat(tmp.resolve("data/demo.log")).doesNotExist();
    }

    @Test
    void shouldNeverTouchADirectoryItDidNotMake() throws Exception {
        Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(tmp.resolve("mine/thesis.tex"), "precious");

        assertThatThrownBy(() -> DataDirectory.prepare(tmp.resolve("mine")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("--data-dir " + tmp.resolve("mine") + " is not empty and was not made by istgt-demo (no"
                        + " .istgt-demo file in it): choose another directory or empty it");
        assertThat(tmp.resolve("mine/thesis.tex")).hasContent("precious");
    }
}
