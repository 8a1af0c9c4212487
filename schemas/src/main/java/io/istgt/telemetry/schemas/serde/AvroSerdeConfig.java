package io.istgt.telemetry.schemas.serde;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link AvroSerializer} / {@link AvroDeserializer}, under the key names Confluent's serde uses so
 * existing client configs carry over. Each key is declared once below with its type, default and doc.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String AUTO_REGISTER_COMPATIBILITY = "auto.register.compatibility";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final List<String> COMPATIBILITY_CHOICES = Arrays.stream(Compatibility.values())
            .map(Enum::name).toList();

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, List.of(), Importance.HIGH,
                    "Comma-separated base URLs of the schema registry's Confluent API, tried in order while"
                    + " unreachable (e.g. http://registry:8081, or Apicurio's http://host:8080/apis/ccompat/v7)."
                    + " mock://<scope> selects an in-memory registry shared by that scope. Required unless a client"
                    + " is passed to the serde's constructor.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the record's schema under <topic>-key / <topic>-value if missing. When"
                    + " false the schema must already be registered, else SchemaNotFoundException.")
            .define(AUTO_REGISTER_COMPATIBILITY, Type.STRING, "BACKWARD",
                    ConfigDef.ValidString.in(concat(COMPATIBILITY_CHOICES, "")), Importance.MEDIUM,
                    "Serializer with auto-registration: compatibility rule set on a subject (PUT /config/<subject>)"
                    + " before the first schema is registered under it, so the registry refuses incompatible"
                    + " versions. Empty leaves the subject's rule as the registry has it.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Deserializer: true returns generated SpecificRecord classes (the type configured below, or the"
                    + " class named like the writer schema); false returns GenericRecord in the writer schema."
                    + " Unlike Confluent's serde the default is true: this project's consumers use generated classes.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer for keys: generated class whose schema is the reader schema (writer data is"
                    + " resolved to it). Default: the class named like the writer schema.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer for values: like specific.avro.key.type.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "USER_INFO",
                    ConfigDef.ValidString.in("USER_INFO", "URL"), Importance.MEDIUM,
                    "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL (the user info"
                    + " part of schema.registry.url, http://user:password@host).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "Basic-auth credentials as user:password; default none.")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Truststore with the registry's CA for https; default the JVM's trusted CAs.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Truststore password.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Truststore type (PKCS12 or JKS).")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Keystore with the client certificate, for registries requiring mutual TLS; default none.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Keystore password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Keystore type (PKCS12 or JKS).")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                    "Password of the private key in the keystore; default the keystore password.")
            .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time to connect to the registry before it counts as unreachable (retriable error).")
            .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time for one registry request before it counts as unreachable (retriable error).");

    public AvroSerdeConfig(Map<String, ?> settings) {
        super(DEFINITION, settings);
    }

    /** Every key with its doc and default, e.g. for a --help listing. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /** The registry client these settings describe: in-memory for mock://, else HTTP. */
    public SchemaRegistryClient createClient() {
        List<String> urls = getList(SCHEMA_REGISTRY_URL);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "missing: the serde needs the schema registry's URL");
        }
        if (urls.getFirst().startsWith(InMemorySchemaRegistryClient.MOCK_SCHEME)) {
            return InMemorySchemaRegistryClient.forScope(
                    urls.getFirst().substring(InMemorySchemaRegistryClient.MOCK_SCHEME.length()));
        }
        HttpSchemaRegistryClient.Builder builder = HttpSchemaRegistryClient.builder()
                .connectTimeout(Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS)))
                .requestTimeout(Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS)));
        if ("URL".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            builder.urls(urls.stream().map(AvroSerdeConfig::withoutUserInfo).toList())
                    .userInfo(java.net.URI.create(urls.getFirst()).getRawUserInfo());
        } else {
            builder.urls(urls).userInfo(password(BASIC_AUTH_USER_INFO));
        }
        TlsSettings tls = new TlsSettings(
                Optional.ofNullable(getString(SSL_TRUSTSTORE_LOCATION)).map(Path::of), password(SSL_TRUSTSTORE_PASSWORD),
                getString(SSL_TRUSTSTORE_TYPE),
                Optional.ofNullable(getString(SSL_KEYSTORE_LOCATION)).map(Path::of), password(SSL_KEYSTORE_PASSWORD),
                getString(SSL_KEYSTORE_TYPE), password(SSL_KEY_PASSWORD));
        if (!tls.isEmpty()) {
            builder.sslContext(tls.sslContext());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, e.getMessage());
        }
    }

    boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    Optional<Compatibility> autoRegisterCompatibility() {
        String value = getString(AUTO_REGISTER_COMPATIBILITY);
        return value.isEmpty() ? Optional.empty() : Optional.of(Compatibility.valueOf(value));
    }

    boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    Optional<Class<?>> specificType(boolean isKey) {
        return Optional.ofNullable(getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE));
    }

    private String password(String key) {
        Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^(https?://)[^@/]*@", "$1");
    }

    private static String[] concat(List<String> values, String extra) {
        String[] all = values.toArray(new String[values.size() + 1]);
        all[values.size()] = extra;
        return all;
    }
}
