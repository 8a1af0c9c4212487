package io.istgt.telemetry.sim.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCTest {

    @Test
    void shouldPrintSpacedLikeJsonC() {
        String json = JsonC.object().str("iqn", "x").num("ReplicaCounter", 0).arr("Replicas", List.of())
                .obj("o", JsonC.object()).render(JsonC.Style.SPACED);

        assertThat(json).isEqualTo("{ \"iqn\": \"x\", \"ReplicaCounter\": 0, \"Replicas\": [ ], \"o\": { } }");
    }

    @Test
    void shouldPrintPlainLikeJsonC() {
        String json = JsonC.object().arr("volumeStatus", List.of(JsonC.object().str("name", "vol1")
                .arr("replicaStatus", List.of()))).render(JsonC.Style.PLAIN);

        assertThat(json).isEqualTo("{\"volumeStatus\":[{\"name\":\"vol1\",\"replicaStatus\":[]}]}");
    }

    @Test
    void shouldEscapeLikeJsonCIncludingTheSlash() {
        String json = JsonC.object().str("k", "a/b\"c\\d\n\u0001").render(JsonC.Style.PLAIN);

        assertThat(json).isEqualTo("{\"k\":\"a\\/b\\\"c\\\\d\\n\\u0001\"}");
    }

    @Test
    void shouldPrintUnsignedCountersAsStrings() {
        String json = JsonC.object().u64("replicaId", -2268594521079752146L).render(JsonC.Style.PLAIN);

        assertThat(json).isEqualTo("{\"replicaId\":\"16178149552629799470\"}");
    }
}
