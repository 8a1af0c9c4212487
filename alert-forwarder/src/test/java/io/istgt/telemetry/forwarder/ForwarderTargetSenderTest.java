package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.forwarder.ChangeQueue.Change;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwarderTargetSenderTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final TopicPartition P0 = new TopicPartition("istgt.alerts", 0);
    private static final Instant START = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private final AlertMapping mapping = new AlertMapping(Map.of(), new UrlTemplate(""), new UrlTemplate(""),
            Duration.ofMinutes(4));
    private final List<Alert> firing = new ArrayList<>();
    private FakeAlertmanager alertmanager;
    private TargetSender sender;
    private ForwarderMetrics metrics;

    @BeforeEach
    void startFake() throws Exception {
        alertmanager = new FakeAlertmanager();
        metrics = new ForwarderMetrics();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        alertmanager.close();
    }

    private TargetSender sender(AlertmanagerAuth auth, SendSettings settings) {
        sender = new TargetSender(new AlertmanagerClient(alertmanager.url(), auth, Optional.empty(),
                Duration.ofSeconds(5)), mapping, () -> List.copyOf(firing), settings, metrics, InstantSource.system());
        return sender;
    }

    private static SendSettings settings(int batchSize, Duration resendInterval) {
        return new SendSettings(batchSize, resendInterval, 10_000, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private static Alert volume(int i) {
        return AlertRecords.firing("iqn.x:vol" + i, null, AlertKind.VOLUME_DEGRADED, Severity.WARNING, START);
    }

    @Test
    void shouldFindTheRefusedAlertOfABatchAndDeliverTheRest() throws Exception {
        alertmanager.answer(post -> post.label("volume").contains("vol5") ? 400 : 200);
        sender(new AlertmanagerAuth.None(), settings(8, Duration.ofHours(1))).start();

        for (int i = 0; i < 8; i++) {
            sender.offer(new Change(P0, 100 + i, volume(i)));
        }

        Await.atMost(BOUND).until(() -> sender.done().getOrDefault(P0, 0L), done -> done == 108L,
                done -> "offsets up to 108 done; done up to " + done);
        List<String> accepted = alertmanager.posts().stream().filter(p -> !p.label("volume").contains("vol5"))
                .flatMap(p -> p.label("volume").stream()).distinct().sorted().toList();
        assertThat(accepted).containsExactly("vol0", "vol1", "vol2", "vol3", "vol4", "vol6", "vol7");
        assertThat(sender.queued()).isZero();
        assertThat(scrape()).contains("istgt_forwarder_alerts_refused_total{url=\"" + alertmanager.url() + "\"} 1.0");
    }

    @Test
    void shouldRetryAFailingAlertmanagerUntilItAcceptsAndSayWhyMeanwhile() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        alertmanager.answer(post -> calls.incrementAndGet() <= 3 ? 503 : 200);
        sender(new AlertmanagerAuth.None(), settings(64, Duration.ofHours(1))).start();

        sender.offer(new Change(P0, 7, volume(1)));

        Await.atMost(BOUND).until(() -> sender.done().getOrDefault(P0, 0L), done -> done == 8L,
                done -> "offset 7 done after the 503s; done up to " + done);
        assertThat(calls.get()).isGreaterThanOrEqualTo(4);
        assertThat(sender.failing()).isEmpty();
    }

    @Test
    void shouldNotCountAChangeDoneWhileAlertmanagerFails() throws Exception {
        alertmanager.answer(post -> 503);
        sender(new AlertmanagerAuth.None(), settings(64, Duration.ofHours(1))).start();

        sender.offer(new Change(P0, 7, volume(1)));

        Await.atMost(BOUND).until(() -> alertmanager.posts().size() >= 3, () -> "3 attempts");
        assertThat(sender.done()).isEmpty();
        assertThat(sender.failing()).hasValueSatisfying(why -> assertThat(why).contains("answered 503"));
    }

    @Test
    void shouldResendWhatFiresWithItsEndAheadAndTheBearerToken() throws Exception {
        firing.add(volume(1));
        firing.add(volume(2));
        sender(new AlertmanagerAuth.Bearer("s3cret"), settings(64, Duration.ofMillis(300))).start();

        Await.atMost(BOUND).until(() -> alertmanager.posts().size() >= 2, () -> "two re-sends of the firing set");
        FakeAlertmanager.Post post = alertmanager.posts().getFirst();
        assertThat(post.label("volume")).containsExactlyInAnyOrder("vol1", "vol2");
        assertThat(post.authorization()).isEqualTo("Bearer s3cret");
        Instant endsAt = Instant.parse(post.alerts().getFirst().path("endsAt").asText());
        assertThat(endsAt).isAfter(Instant.now().plusMillis(600));
        assertThat(post.alerts().getFirst().path("startsAt").asText()).isEqualTo(START.toString());
    }

    @Test
    void shouldSendANewChangeBeforeTheRestOfALargeResend() throws Exception {
        for (int i = 0; i < 2000; i++) {
            firing.add(volume(i));
        }
        // 10 batches of 100 a second: the whole re-send takes 2 s
        sender(new AlertmanagerAuth.None(), new SendSettings(100, Duration.ofHours(1), 1000, Duration.ofMillis(20),
                Duration.ofMillis(200))).start();
        Await.atMost(BOUND).until(() -> !alertmanager.posts().isEmpty(), () -> "the re-send to begin");

        sender.offer(new Change(P0, 0, AlertRecords.firing("iqn.x:new", null, AlertKind.VOLUME_OFFLINE,
                Severity.CRITICAL, Instant.now())));

        Await.atMost(BOUND).until(() -> sender.done().containsKey(P0), () -> "the new change delivered");
        long resentBefore = alertmanager.posts().stream().filter(p -> !p.label("volume").contains("new"))
                .mapToLong(p -> p.alerts().size()).sum();
        assertThat(resentBefore).as("re-sent alerts before the new one went").isLessThan(2000);
    }

    @Test
    void shouldProbeWithAnEmptyBatchWhenNothingFiresSoReadinessIsKnown() throws Exception {
        sender(new AlertmanagerAuth.Basic("forwarder", "pw"), settings(64, Duration.ofHours(1))).start();

        Await.atMost(BOUND).until(() -> sender.failing().isEmpty(), () -> "the empty probe answered");
        assertThat(alertmanager.posts().getFirst().alerts()).isEmpty();
        assertThat(alertmanager.posts().getFirst().authorization()).isEqualTo("Basic Zm9yd2FyZGVyOnB3");
    }

    private String scrape() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        new io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter(false).write(out,
                metrics.registry().scrape());
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
