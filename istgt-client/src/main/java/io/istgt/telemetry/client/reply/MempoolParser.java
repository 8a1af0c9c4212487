package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MEMPOOL: {@code {"mempool list":[{"replica usage":[{"replicaId", "in-flight read", ...}]}]}}, one entry per
 * volume but without its name; replica ids are unique, so usage is keyed by replica.
 */
final class MempoolParser {

    private static final ObjectShape LINE = ObjectShape.of("mempool list")
            .nesting("mempool list", ObjectShape.of("replica usage")
                    .nesting("replica usage", ObjectShape.of("replicaId", "in-flight read", "in-flight write",
                            "in-flight sync", "in-flight command")));

    private MempoolParser() {
    }

    public static Map<ReplicaId, MempoolUsage> parse(List<String> payloads) throws MalformedReplyException {
        Map<ReplicaId, MempoolUsage> usage = new LinkedHashMap<>();
        for (String payload : payloads) {
            usage.putAll(Fields.read("MEMPOOL", payload, LINE, MempoolParser::line));
        }
        return usage;
    }

    private static Map<ReplicaId, MempoolUsage> line(Fields root) throws MalformedReplyException {
        if (!root.has("mempool list")) {
            throw root.missing("mempool list");
        }
        Map<ReplicaId, MempoolUsage> usage = new LinkedHashMap<>();
        for (Fields volume : root.objects("mempool list")) {
            for (Fields r : volume.objects("replica usage")) {
                usage.put(r.replicaId("replicaId"), new MempoolUsage(r.counter("in-flight read"),
                        r.counter("in-flight write"), r.counter("in-flight sync"), r.counter("in-flight command")));
            }
        }
        return usage;
    }
}
