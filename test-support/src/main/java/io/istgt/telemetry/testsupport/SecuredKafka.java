package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.KafkaServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A Kafka broker as a data platform runs one: its only client listener secured, ACLs enforced by KRaft's
 * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}, so a principal can do exactly what
 * it was granted. Two kinds:
 * <ul>
 *   <li>{@link Mode#SCRAM}: {@code SASL_SSL} with {@code SCRAM-SHA-512}; each user gets a random password;</li>
 *   <li>{@link Mode#MTLS}: {@code SSL} with client certificates required; a user is the CN of its certificate.</li>
 * </ul>
 * A child process (local-services' {@link KafkaServerProcess}), certificates from {@link TestCertificates}, made in
 * {@code dir}. The super user {@code admin} sets users and ACLs up through {@link #admin()}. The controller keeps a
 * PLAINTEXT listener on its own port, not advertised to clients; its principal ({@code ANONYMOUS}) is a super user
 * so the node can talk to itself.
 */
public final class SecuredKafka implements AutoCloseable {

    /** How clients authenticate. */
    public enum Mode { SCRAM, MTLS }

    public static final String SUPER_USER = "admin";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final Mode mode;
    private final TestCertificates certificates;
    private final KafkaServerProcess server;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Admin admin;

    private SecuredKafka(Mode mode, TestCertificates certificates, KafkaServerProcess server, String adminPassword) {
        this.mode = mode;
        this.certificates = certificates;
        this.server = server;
        if (adminPassword != null) {
            passwords.put(SUPER_USER, adminPassword);
        }
        Map<String, Object> adminSettings = new LinkedHashMap<>(clientSettings(SUPER_USER));
        adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        this.admin = Admin.create(adminSettings);
    }

    /** Starts a secured single-node broker; its certificates and data go into {@code dir}. */
    public static SecuredKafka start(Mode mode, Path dir) {
        TestCertificates certificates = TestCertificates.authority(dir.resolve("tls"));
        Path brokerStore = certificates.keyStore("broker");
        KafkaServerProcess.Builder builder = KafkaServerProcess.builder().dataDir(dir.resolve("kafka"));
        KafkaTestBroker.brokerSettings().forEach(builder::setting);
        builder.setting("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setting("allow.everyone.if.no.acl.found", "false")
                .setting("ssl.keystore.type", "PKCS12")
                .setting("ssl.keystore.location", brokerStore.toString())
                .setting("ssl.keystore.password", certificates.password())
                .setting("ssl.truststore.type", "PKCS12")
                .setting("ssl.truststore.location", certificates.trustStore().toString())
                .setting("ssl.truststore.password", certificates.password());
        String adminPassword = null;
        Map<String, String> probe;
        if (mode == Mode.SCRAM) {
            adminPassword = newPassword();
            builder.setting("super.users", "User:" + SUPER_USER + ";User:ANONYMOUS")
                    .setting("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                    .setting("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                    .setting("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(SUPER_USER, adminPassword))
                    .formatArgument("--add-scram", "SCRAM-SHA-512=[name=" + SUPER_USER + ",password=" + adminPassword + "]")
                    .listener("SASL_SSL", scramSettings(certificates, SUPER_USER, adminPassword));
            probe = scramSettings(certificates, SUPER_USER, adminPassword);
        } else {
            certificates.keyStore(SUPER_USER);
            // The broker reaches itself with its own certificate: principal "broker".
            builder.setting("super.users", "User:" + SUPER_USER + ";User:broker;User:ANONYMOUS")
                    .setting("ssl.client.auth", "required")
                    .setting("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
            probe = tlsSettings(certificates, SUPER_USER);
            builder.listener("SSL", probe);
        }
        return new SecuredKafka(mode, certificates, builder.start(), adminPassword);
    }

    public Mode mode() {
        return mode;
    }

    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    public TestCertificates certificates() {
        return certificates;
    }

    /** The super user's admin client (users, ACLs, reading what a test's program wrote). */
    public Admin admin() {
        return admin;
    }

    /**
     * Makes {@code user} (a SCRAM user with a random password, or a client certificate {@code CN=user}) and returns
     * the client settings it connects with, bootstrap servers included. It has no ACL yet.
     */
    public Map<String, String> createUser(String user) {
        if (mode == Mode.SCRAM) {
            String password = newPassword();
            try {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                        .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot create the SCRAM user " + user, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating the SCRAM user " + user, e);
            }
            passwords.put(user, password);
        } else {
            certificates.keyStore(user);
        }
        Map<String, String> settings = new LinkedHashMap<>(clientSettings(user));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /** {@code user}'s SCRAM password (to check that no output shows it); empty in mTLS mode. */
    public String password(String user) {
        return passwords.getOrDefault(user, "");
    }

    /** The settings {@code user} connects with (security protocol, credentials, trust store), without the address. */
    public Map<String, String> clientSettings(String user) {
        return mode == Mode.SCRAM
                ? scramSettings(certificates, user, passwords.getOrDefault(user, ""))
                : tlsSettings(certificates, user);
    }

    /**
     * {@code user}'s settings with its password read through Kafka's file config provider from
     * {@code secretsDir/<user>-password.properties}, as a program reads a mounted Kubernetes Secret: the settings
     * themselves hold no secret. In mTLS mode, {@link #clientSettings} unchanged.
     */
    public Map<String, String> clientSettingsWithPasswordInAFile(String user, Path secretsDir) {
        Map<String, String> settings = new LinkedHashMap<>(clientSettings(user));
        String password = password(user);
        if (password.isEmpty()) {
            return settings;
        }
        try {
            Path secret = Files.createDirectories(secretsDir).resolve(user + "-password.properties");
            Files.writeString(secret, "password=" + password + "\n");
            settings.put("config.providers", "file");
            settings.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            settings.put("sasl.jaas.config", settings.get("sasl.jaas.config")
                    .replace(password, "${file:" + secret + ":password}"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + user + "'s password file in " + secretsDir, e);
        }
        return settings;
    }

    /**
     * {@link #clientSettingsWithPasswordInAFile} written as a client properties file (what a program's client
     * config option reads), without {@code bootstrap.servers}, which the programs take as an option.
     */
    public Path clientConfigFileWithPasswordInAFile(String user, Path file) {
        StringBuilder text = new StringBuilder();
        clientSettingsWithPasswordInAFile(user, file.toAbsolutePath().getParent()).forEach((k, v) -> {
            if (!k.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n');
            }
        });
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client config " + file, e);
        }
    }

    /** Grants {@code user} the operations on a resource; returns when the broker has stored the ACLs. */
    public void allow(String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        List<AclBinding> bindings = java.util.Arrays.stream(operations)
                .map(op -> new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)))
                .toList();
        try {
            admin.createAcls(bindings).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot grant " + bindings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while granting " + bindings, e);
        }
    }

    /** Takes back the operations {@link #allow} granted. */
    public void revoke(String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
        List<AclBindingFilter> filters = java.util.Arrays.stream(operations)
                .map(op -> new AclBindingFilter(new ResourcePatternFilter(type, name, pattern),
                        new AccessControlEntryFilter("User:" + user, null, op, AclPermissionType.ALLOW)))
                .toList();
        try {
            admin.deleteAcls(filters).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot revoke " + filters, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while revoking " + filters, e);
        }
    }

    /** The broker's output, for a test's failure message. */
    public Path log() {
        return server.log();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        server.close();
    }

    private static Map<String, String> scramSettings(TestCertificates certificates, String user, String password) {
        Map<String, String> settings = trust(certificates);
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", jaas(user, password));
        return settings;
    }

    private static Map<String, String> tlsSettings(TestCertificates certificates, String user) {
        Map<String, String> settings = trust(certificates);
        settings.put("security.protocol", "SSL");
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", certificates.keyStore(user).toString());
        settings.put("ssl.keystore.password", certificates.password());
        return settings;
    }

    private static Map<String, String> trust(TestCertificates certificates) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", certificates.trustStore().toString());
        settings.put("ssl.truststore.password", certificates.password());
        return settings;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String newPassword() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return "pw-" + HexFormat.of().formatHex(random);
    }
}
