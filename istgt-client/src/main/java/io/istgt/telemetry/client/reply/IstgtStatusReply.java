package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.BuildInfo;
import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.MgmtRequestCounts;
import io.istgt.telemetry.client.snapshot.QueueLengths;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.ScsiCommandCounts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ISTGTSTATUS (istgt builds with the deep-visibility change). It has no iqn, status, size or byte counts:
 * those come from IOSTATS.
 *
 * @param iscsi                   login, logout and discovery counts, LU workers, login durations; no sessions
 * @param errors                  {@code errors[]} by {@code poolGuid}, entries of one guid added up
 * @param errorEntriesWithoutGuid {@code errors[]} entries with {@code poolGuid} 0, which name no replica
 */
record IstgtStatusReply(
        BuildInfo build,
        IscsiConnections iscsi,
        ScsiCommandCounts commands,
        QueueLengths queues,
        MgmtRequestCounts mgmtRequests,
        List<ReplicaSnapshot> replicas,
        Map<ReplicaId, ReplicaErrorCounts> errors,
        int errorEntriesWithoutGuid) {

    public IstgtStatusReply {
        Objects.requireNonNull(iscsi, "iscsi");
        Objects.requireNonNull(commands, "commands");
        replicas = List.copyOf(replicas);
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }
}
