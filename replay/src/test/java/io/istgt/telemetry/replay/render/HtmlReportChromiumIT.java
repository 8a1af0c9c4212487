package io.istgt.telemetry.replay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.replay.IncidentTimeline;
import io.istgt.telemetry.replay.timeline.Timeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real browser, offline: headless Chromium (Debian's chromium package, which
 * .ci/run installs) takes a screenshot and dumps the DOM after the report's script ran. The screenshot is
 * kept in target/ for a person to look at.
 */
class HtmlReportChromiumIT {

    private static final Path OUT = Path.of("target", "replay-report");
    private static Path report;
    private static String chromium;

    @TempDir
    static Path profile;

    @BeforeAll
    static void renderReport() throws IOException {
        chromium = findChromium();
        if (chromium == null) {
            String why = "chromium is not installed (Debian's package: apt-get install -y chromium; .ci/run installs it)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why + ", and CI must run this test");
            }
            Assumptions.abort(why);
        }
        Timeline timeline = IncidentTimeline.build(600);
        Files.createDirectories(OUT);
        report = OUT.resolve("incident.html").toAbsolutePath();
        Files.writeString(report, HtmlReport.render(timeline, Optional.empty(),
                new TimeFormat(ZoneId.of("Europe/Berlin"), timeline.from(), timeline.to())), StandardCharsets.UTF_8);
    }

    @Test
    void shouldRunItsScriptAndKeepTheLanesAndAlertMarksInTheDom() throws Exception {
        String dom = run("--dump-dom", "file://" + report);

        assertThat(dom).contains("data-ready=\"1\"", "data-lanes=\"4\"", "id=\"crosshair\"");
        assertThat(dom).contains("id=\"lane-volume\"", "id=\"lane-replica-6161\"", "id=\"lane-replica-6162\"",
                "id=\"lane-replica-6163\"");
        assertThat(dom).containsPattern("data-alert-marks=\"[1-9][0-9]*\"");
        assertThat(dom).contains("class=\"alert-mark state-firing sev-critical\" data-kind=\"VOLUME_OFFLINE\"");
    }

    @Test
    void shouldDrawTheLanesInTheirColoursOnTheScreen() throws Exception {
        Path png = OUT.resolve("incident.png").toAbsolutePath();
        Files.deleteIfExists(png);

        run("--screenshot=" + png, "--window-size=1400,900", "file://" + report);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        // healthy green, offline red and degraded amber lane segments are on the picture
        assertThat(pixels(image, 0x2f9e55)).isGreaterThan(2_000);
        assertThat(pixels(image, 0xd63b3b)).isGreaterThan(50);
        assertThat(pixels(image, 0xe8a317)).isGreaterThan(50);
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xffffff;
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(profile, "chromium", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 90 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code; its stderr: %s", Files.readString(log)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
