package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.BrokerProbe;
import java.time.Duration;
import java.util.Map;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The only class touching Kafka's internal test kit ({@code KafkaClusterTestKit}): one combined KRaft node
 * (broker and controller) inside the test JVM. {@link #stop()} shuts the broker side down, which closes its
 * listener; the controller stays up so {@link #restart()} can bring the broker back on the same port.
 */
final class InProcessKafka implements KafkaTestBroker.Backend {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private volatile boolean running;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        this.running = true;
    }

    static InProcessKafka start() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            KafkaTestBroker.brokerSettings().forEach(builder::setConfigProp);
            // A restarted broker registers again only once the controller has expired its previous session:
            // a short session keeps restart() at about a second instead of ten.
            builder.setConfigProp("broker.session.timeout.ms", "1500");
            builder.setConfigProp("broker.heartbeat.interval.ms", "300");
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessKafka(cluster);
        } catch (Exception e) {
            closeQuietly(cluster, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the in-process KRaft broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            broker().shutdown();
            running = false;
        }
    }

    @Override
    public synchronized void restart() {
        if (running) {
            return;
        }
        broker().startup();
        running = true;
        BrokerProbe.awaitAnswering(bootstrapServers, READY_TIMEOUT, () -> true, "in-process broker");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot close the in-process KRaft broker at " + bootstrapServers, e);
        }
    }

    private BrokerServer broker() {
        Map<Integer, BrokerServer> brokers = cluster.brokers();
        return brokers.values().iterator().next();
    }

    private static void closeQuietly(KafkaClusterTestKit cluster, Exception cause) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
