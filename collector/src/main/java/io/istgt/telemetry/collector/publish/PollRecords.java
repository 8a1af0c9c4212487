package io.istgt.telemetry.collector.publish;

import java.util.ArrayList;
import java.util.List;

/** Every record of one poll of one target, in publishing order: each volume, then its replicas. */
public record PollRecords(List<OutboundRecord.Volume> volumes, List<OutboundRecord.Replica> replicas) {

    public PollRecords {
        volumes = List.copyOf(volumes);
        replicas = List.copyOf(replicas);
    }

    /** Volumes first, then replicas. */
    public List<OutboundRecord> all() {
        List<OutboundRecord> all = new ArrayList<>(volumes.size() + replicas.size());
        all.addAll(volumes);
        all.addAll(replicas);
        return all;
    }

    public int size() {
        return volumes.size() + replicas.size();
    }
}
