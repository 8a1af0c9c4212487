package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.NginxProxy;
import io.istgt.telemetry.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The serde against a secured registry: the real Apicurio Registry serving HTTPS only with a certificate of a
 * private CA, and the real nginx in front of a registry enforcing basic auth or a bearer token. Right settings
 * round-trip a record; wrong ones fail at once, naming the setting to fix; no password, token or key store password
 * shows in any exception, log line of this JVM, or nginx's logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrySecurityIT {

    /** A refused request must fail in a moment, not after retries; generous for a busy machine. */
    private static final Duration FAST = Duration.ofSeconds(30);

    private Path dir;

    private final String password = secret("pw-");
    private final String token = secret("tok-");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Throwable> failures = new ArrayList<>();
    private TestCertificates ca;
    private ApicurioRegistry tlsRegistry;
    private NginxProxy basicProxy;
    private NginxProxy bearerProxy;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        logs.start();
        root().addAppender(logs);
        ca = TestCertificates.authority(dir.resolve("ca"));
        tlsRegistry = ApicurioRegistry.startTls(ca.keyStore("registry"), ca.password());
        String upstream = ApicurioRegistry.shared().baseUrl();
        basicProxy = NginxProxy.start(upstream, new NginxProxy.BasicAuth("collector", password), dir.resolve("basic"));
        bearerProxy = NginxProxy.start(upstream, new NginxProxy.BearerToken(token), dir.resolve("bearer"));
    }

    @AfterAll
    void stopAndCheckNoSecretLeaked() throws Exception {
        root().detachAppender(logs);
        for (AutoCloseable part : new AutoCloseable[] {bearerProxy, basicProxy, tlsRegistry}) {
            if (part != null) {
                part.close();
            }
        }
        List<String> secrets = List.of(password, token, ca.password());
        List<String> lines = logs.list.stream().map(RegistrySecurityIT::render).toList();
        for (String secret : secrets) {
            assertThat(lines).as("log lines of this JVM").noneMatch(line -> line.contains(secret));
            assertThat(failures).as("exceptions of the refused requests").isNotEmpty()
                    .allSatisfy(e -> assertThat(chain(e)).doesNotContain(secret));
            for (Path log : List.of(basicProxy.log(), bearerProxy.log(), dir.resolve("basic/access.log"),
                    dir.resolve("bearer/access.log"), tlsRegistry.log())) {
                assertThat(Files.readString(log)).as("%s", log).doesNotContain(secret);
            }
        }
    }

    @Test
    void shouldRoundTripOverHttpsTrustingThePrivateCaFromAPkcs12TrustStore() {
        Map<String, Object> settings = settings(tlsRegistry.ccompatUrl());
        settings.put(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, ca.trustStore().toString());
        settings.put(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, ca.password());
        assertThat(tlsRegistry.ccompatUrl()).startsWith("https://");

        assertRoundTrip("it.tls-p12", settings);
    }

    @Test
    void shouldRoundTripOverHttpsTrustingThePrivateCaFromAPemFile() {
        Map<String, Object> settings = settings(tlsRegistry.ccompatUrl());
        settings.put(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, ca.caPem().toString());
        settings.put(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM");

        assertRoundTrip("it.tls-pem", settings);
    }

    @Test
    void shouldFailAtOnceNamingTheTrustStoreWhenTheRegistrysCertificateIsNotTrusted() {
        TestCertificates other = TestCertificates.authority(dir.resolve("other-ca"));
        Map<String, Object> otherCa = settings(tlsRegistry.ccompatUrl());
        otherCa.put(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, other.caPem().toString());
        otherCa.put(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM");
        Map<String, Object> jvmDefault = settings(tlsRegistry.ccompatUrl());

        for (Map<String, Object> settings : List.of(otherCa, jvmDefault)) {
            SchemaRegistryException refused = refusedSerialize("it.tls-untrusted", settings);
            assertThat(refused.isRetriable()).isFalse();
            assertThat(refused).hasMessageStartingWith("schema registry at " + tlsRegistry.ccompatUrl())
                    .hasMessageContaining("presented a certificate this client rejects (PKIX path")
                    .hasMessageContaining("its CA must be in schema.registry.ssl.truststore.location");
        }
    }

    @Test
    void shouldRoundTripThroughAProxyEnforcingBasicAuthWithTheCredentialsFromAFile() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("registry-credentials.properties"),
                "user.info=collector:" + password + "\n", StandardCharsets.UTF_8);
        Map<String, Object> settings = settings(basicProxy.url() + "/apis/ccompat/v7");
        settings.put("config.providers", "file");
        settings.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        settings.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "${file:" + secretFile + ":user.info}");

        assertRoundTrip("it.basic", settings);
    }

    @Test
    void shouldNameBasicAuthUserInfoButNotThePasswordWhenTheProxyRefusesIt() {
        Map<String, Object> wrong = settings(basicProxy.url() + "/apis/ccompat/v7");
        wrong.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "collector:" + password + "-wrong");
        Map<String, Object> none = settings(basicProxy.url() + "/apis/ccompat/v7");

        assertThat(refusedSerialize("it.basic-wrong", wrong)).hasMessageContaining("HTTP 401")
                .hasMessageEndingWith("(the registry refused user collector or its password: check"
                        + " basic.auth.user.info)");
        assertThat(refusedSerialize("it.basic-none", none)).hasMessageContaining("HTTP 401")
                .hasMessageEndingWith("(the registry wants credentials: set basic.auth.user.info (user:password) or"
                        + " bearer.auth.token)");
    }

    @Test
    void shouldRoundTripThroughAProxyEnforcingABearerToken() {
        Map<String, Object> settings = settings(bearerProxy.url() + "/apis/ccompat/v7");
        settings.put(AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "STATIC_TOKEN");
        settings.put(AvroSerdeConfig.BEARER_AUTH_TOKEN, token);

        assertRoundTrip("it.bearer", settings);
    }

    @Test
    void shouldNameTheBearerTokenSettingButNotTheTokenWhenTheProxyRefusesIt() {
        Map<String, Object> settings = settings(bearerProxy.url() + "/apis/ccompat/v7");
        settings.put(AvroSerdeConfig.BEARER_AUTH_TOKEN, token + "x");

        assertThat(refusedSerialize("it.bearer-wrong", settings)).hasMessageContaining("HTTP 401")
                .hasMessageEndingWith("(the registry refused the bearer token (expired, revoked or mistyped?): check"
                        + " bearer.auth.token)");
    }

    private void assertRoundTrip(String topic, Map<String, Object> settings) {
        VolumeStatus record = Samples.healthyDeepVolume();
        try (AvroSerializer<VolumeStatus> serializer = new AvroSerializer<>();
             AvroDeserializer<VolumeStatus> deserializer = new AvroDeserializer<>()) {
            serializer.configure(settings, false);
            deserializer.configure(settings, false);

            byte[] bytes = serializer.serialize(topic, record);

            assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(record);
        }
    }

    /** Serializes with {@code settings}, which the registry (or the way to it) refuses; returns the refusal. */
    private SchemaRegistryException refusedSerialize(String topic, Map<String, Object> settings) {
        return assertTimeoutPreemptively(FAST, () -> {
            try (AvroSerializer<VolumeStatus> serializer = new AvroSerializer<>()) {
                serializer.configure(settings, false);
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> serializer.serialize(topic, Samples.healthyDeepVolume()));
                assertThat(thrown).isInstanceOf(SchemaRegistryException.class);
                failures.add(thrown);
                return (SchemaRegistryException) thrown;
            }
        }, "a refused registry request must fail at once, not be retried");
    }

    private static Map<String, Object> settings(String url) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        return settings;
    }

    private static String secret(String prefix) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    /** Every message of an exception, its causes and suppressed ones, and their toString. */
    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        List<Throwable> pending = new ArrayList<>(List.of(e));
        while (!pending.isEmpty()) {
            Throwable t = pending.removeFirst();
            all.append(t).append('\n');
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return all.toString();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
