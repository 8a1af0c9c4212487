package io.istgt.telemetry.replay;

import static io.istgt.telemetry.replay.StatusShapes.modes;

import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A 15-minute incident of vol1 polled every 10 s, in the collector's record shapes:
 * <ul>
 *   <li>+0s healthy, 3 replicas, 20 reads/s and 20 writes/s;</li>
 *   <li>+130s replica 6163 disconnects (data connection error +1); +210s it reconnects Degraded, Healthy at +270s;</li>
 *   <li>+300s..+340s the target is unreachable (5 failed polls); +350s back;</li>
 *   <li>+380s one poll lost (sequence jumps 38 → 40);</li>
 *   <li>+450s istgt restarts: uptime and counters start again from zero;</li>
 *   <li>+500s 6162 and 6163 disconnect: one healthy replica, Offline; +520s both reconnect Degraded: Degraded;
 *       +580s both Healthy;</li>
 *   <li>+600s a burst of 12 data connection errors on 6161;</li>
 *   <li>+900s the end.</li>
 * </ul>
 */
public final class ScenarioHistory {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final int POLLS = 91;

    /** One poll: the volume record and its replica records. */
    public record Poll(VolumeStatus volume, List<ReplicaStatus> replicas) {
    }

    private ScenarioHistory() {
    }

    /**
     * Half an hour ago, unless the incident or its warm-up would then cross midnight (UTC): the timeline then prints
     * dates with its times, and the expected lines of the tests have times only. Then it starts at 22:00 the day
     * before.
     */
    public static Instant incidentStart(Instant now) {
        Instant start = now.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        // the re-derivation reads 8.5 minutes before the window to warm up: that must not cross midnight either
        return start.minus(Duration.ofMinutes(10)).isBefore(today) ? today.minus(Duration.ofHours(2)) : start;
    }

    public static Instant at(Instant t0, int seconds) {
        return t0.plusSeconds(seconds);
    }

    public static List<Poll> polls(Instant t0) {
        List<Poll> polls = new ArrayList<>();
        Map<String, Long> errors = new HashMap<>(Map.of("6161", 0L, "6162", 0L, "6163", 0L));
        long uptimeBase = 3_600;
        long restartAt = 450;
        for (int i = 0; i < POLLS; i++) {
            int s = i * 10;
            long sequence = i + 1;
            if (s == 380) {
                continue;
            }
            Instant at = t0.plusSeconds(s);
            if (s >= 300 && s <= 340) {
                polls.add(new Poll(StatusShapes.unreachable(at, sequence, (s - 300) / 10 + 1), List.of()));
                continue;
            }
            boolean restarted = s >= restartAt;
            long uptime = restarted ? s - restartAt + 1 : uptimeBase + s;
            long commands = restarted ? (s - restartAt) * 20L : s * 20L;
            Map<String, String> modes;
            List<String> offline = List.of();
            String status = "Healthy";
            if (s >= 130 && s < 210) {
                modes = modes("6161", "Healthy", "6162", "Healthy");
                offline = List.of("6163");
            } else if (s >= 210 && s < 270) {
                modes = modes("6161", "Healthy", "6162", "Healthy", "6163", "Degraded");
            } else if (s >= 500 && s < 520) {
                modes = modes("6161", "Healthy");
                offline = List.of("6162", "6163");
                status = "Offline";
            } else if (s >= 520 && s < 580) {
                modes = modes("6161", "Healthy", "6162", "Degraded", "6163", "Degraded");
                status = "Degraded";
            } else {
                modes = modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy");
            }
            if (s == 130) {
                errors.merge("6163", 1L, Long::sum);
            }
            if (s == 500) {
                errors.merge("6162", 1L, Long::sum);
                errors.merge("6163", 1L, Long::sum);
            }
            if (s == 600) {
                errors.merge("6161", 12L, Long::sum);
            }
            if (s == restartAt) {
                errors.replaceAll((id, n) -> 0L);
            }
            long volumeErrors = errors.values().stream().mapToLong(Long::longValue).sum();
            VolumeStatus volume = StatusShapes.volume(at, sequence, status, modes, offline, uptime, commands,
                    volumeErrors);
            List<ReplicaStatus> replicas = new ArrayList<>();
            for (String id : List.of("6161", "6162", "6163")) {
                if (modes.containsKey(id) || offline.contains(id)) {
                    replicas.add(StatusShapes.replica(at, sequence, id, modes.get(id), errors.get(id),
                            id.equals("6161") ? s % 7 : 1));
                }
            }
            polls.add(new Poll(volume, replicas));
        }
        return polls;
    }
}
