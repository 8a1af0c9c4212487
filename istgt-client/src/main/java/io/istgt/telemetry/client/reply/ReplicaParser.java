package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import java.util.ArrayList;
import java.util.List;

/** REPLICA: {@code {"volumeStatus":[{"name","status","replicaStatus":[...]}]}}, one line for all volumes. */
final class ReplicaParser {

    private static final ObjectShape LINE = ObjectShape.of("volumeStatus")
            .nesting("volumeStatus", ObjectShape.of("name", "status", "replicaStatus")
                    .nesting("replicaStatus", ReplicaFields.REPLICA));

    private ReplicaParser() {
    }

    public static List<ReplicaVolume> parse(List<String> payloads) throws MalformedReplyException {
        List<ReplicaVolume> volumes = new ArrayList<>();
        for (String payload : payloads) {
            volumes.addAll(Fields.read("REPLICA", payload, LINE, ReplicaParser::line));
        }
        return volumes;
    }

    private static List<ReplicaVolume> line(Fields root) throws MalformedReplyException {
        if (!root.has("volumeStatus")) {
            throw root.missing("volumeStatus");
        }
        List<ReplicaVolume> volumes = new ArrayList<>();
        for (Fields v : root.objects("volumeStatus")) {
            List<ReplicaSnapshot> replicas = new ArrayList<>();
            for (Fields r : v.objects("replicaStatus")) {
                replicas.add(ReplicaFields.replica(r, null, null, null, null));
            }
            volumes.add(new ReplicaVolume(v.requiredText("name"), ReplicaFields.status(v, "status"), replicas));
        }
        return volumes;
    }
}
