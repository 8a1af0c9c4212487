package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.IoTotals;
import io.istgt.telemetry.client.snapshot.ReplicaIoTimes;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import java.util.ArrayList;
import java.util.List;

/** IOSTATS: one JSON line per volume istgt serves. Reading only the first line would under-report. */
final class IostatsParser {

    /** A volume's line, in istgt's order. */
    private static final ObjectShape VOLUME = ObjectShape.of("iqn", "WriteIOPS", "ReadIOPS", "TotalWriteBytes",
                    "TotalReadBytes", "Size", "UsedLogicalBlocks", "SectorSize", "UpTime", "TotalReadTime",
                    "LUTotalReadTime", "ReplicationTotalReadTime", "TotalWriteTime", "LUTotalWriteTime",
                    "ReplicationTotalWriteTime", "TotalReadBlockCount", "TotalWriteBlockCount", "ReplicaCounter",
                    "RevisionCounter", "Status", "Replicas")
            .nesting("Replicas", ReplicaFields.REPLICA.then("ReadReqTime", "ReadRespTime", "WriteReqTime",
                    "WriteRespTime"));

    private IostatsParser() {
    }

    public static List<IostatsVolume> parse(List<String> payloads) throws MalformedReplyException {
        List<IostatsVolume> volumes = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            String where = payloads.size() == 1 ? "IOSTATS" : "IOSTATS line " + (i + 1);
            volumes.add(Fields.read(where, payloads.get(i), VOLUME, IostatsParser::volume));
        }
        return volumes;
    }

    private static IostatsVolume volume(Fields f) throws MalformedReplyException {
        IoTotals io = new IoTotals(
                f.counter("ReadIOPS"),
                f.counter("WriteIOPS"),
                f.counter("TotalReadBytes"),
                f.counter("TotalWriteBytes"),
                f.counter("TotalReadBlockCount"),
                f.counter("TotalWriteBlockCount"),
                f.counter("TotalReadTime"),
                f.counter("LUTotalReadTime"),
                f.counter("ReplicationTotalReadTime"),
                f.counter("TotalWriteTime"),
                f.counter("LUTotalWriteTime"),
                f.counter("ReplicationTotalWriteTime"));
        TargetInfo target = new TargetInfo(
                f.requiredText("iqn"),
                null,
                ReplicaFields.status(f, "Status"),
                null,
                null,
                f.counter("Size"),
                f.counter("SectorSize"),
                f.counter("UsedLogicalBlocks"),
                f.counter("UpTime"),
                f.counter("ReplicaCounter"),
                f.counter("RevisionCounter"),
                io);
        List<ReplicaSnapshot> replicas = new ArrayList<>();
        for (Fields r : f.objects("Replicas")) {
            ReplicaIoTimes times = new ReplicaIoTimes(
                    r.counter("ReadReqTime"), r.counter("ReadRespTime"),
                    r.counter("WriteReqTime"), r.counter("WriteRespTime"));
            replicas.add(ReplicaFields.replica(r, null, null, times, null));
        }
        return new IostatsVolume(target, replicas);
    }
}
