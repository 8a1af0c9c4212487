package io.istgt.telemetry.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySettingsTest {

    @Test
    void shouldResolveRegistrySecretsThroughTheConfigProvidersOfTheSettingsFile(@TempDir Path dir) throws Exception {
        Path secrets = Files.writeString(dir.resolve("registry.properties"), "user.info=replay:pw-from-file\n"
                + "token=tok-from-file\n");
        Path config = Files.writeString(dir.resolve("replay.properties"), String.join("\n",
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "basic.auth.user.info=${file:" + secrets + ":user.info}",
                "schema.registry.ssl.truststore.type=PEM",
                "schema.registry.ssl.truststore.location=/etc/registry-ca/ca.crt",
                ""));

        AvroSerdeConfig serde = ReplaySettings.of(io.istgt.telemetry.options.ConfigFile.read(config, "--config", java.util.List.of(),
                ReplaySettings.FILE_KEYS).others(), "127.0.0.1:9092", "https://registry:8081").serde();

        assertThat(serde.getPassword(AvroSerdeConfig.BASIC_AUTH_USER_INFO).value()).isEqualTo("replay:pw-from-file");
        assertThat(serde.getString(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE)).isEqualTo("PEM");
        assertThat(serde.getString(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION)).isEqualTo("/etc/registry-ca/ca.crt");
        assertThat(serde.getList(AvroSerdeConfig.SCHEMA_REGISTRY_URL)).containsExactly("https://registry:8081");
    }
}
