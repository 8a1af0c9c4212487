package io.istgt.telemetry.bench.replay;

import io.istgt.telemetry.bench.snapshot.PollReplies;
import io.istgt.telemetry.client.CapturedPoll;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.TargetRecorder;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.TargetInfo;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Realistic status records in volume: each volume's first snapshot is a real deep poll (the captures, renamed to
 * {@code pvc-NNNNN} with its own replica ids) through the client's parsers and merge ({@link CapturedPoll}) and
 * the collector's mapping; its later snapshots move what moves in production (metadata, uptime, IO totals and
 * the IO sequence at the volume's own rate, replica uptime, response times, checkpointed sequence) by the poll
 * interval.
 */
final class RecordGenerator {

    private final List<PollRecords> templates = new ArrayList<>();
    private final long[] readRate;
    private final long[] writeRate;
    private final Instant start;
    private final Duration interval;

    RecordGenerator(int volumes, Instant start, Duration interval) throws IstgtControlException {
        this.start = start;
        this.interval = interval;
        this.readRate = new long[volumes];
        this.writeRate = new long[volumes];
        SplittableRandom random = new SplittableRandom(7);
        Map<String, byte[]> replies = PollReplies.deepPoll();
        for (int v = 0; v < volumes; v++) {
            String name = String.format("pvc-%05d", v);
            long base = 10_000_000_000L + 1000L * v;
            UnaryOperator<String> edit = s -> s.replace("vol1", name).replace("6161", Long.toString(base + 1))
                    .replace("6162", Long.toString(base + 2)).replace("6163", Long.toString(base + 3));
            Map<ControlCommand, List<String>> poll = new EnumMap<>(ControlCommand.class);
            replies.forEach((command, bytes) -> poll.put(ControlCommand.valueOf(command),
                    payloads(bytes, command, edit)));
            String socket = "/var/run/istgt/" + name + ".sock";
            TargetRecorder recorder = new TargetRecorder(socket, new CollectorIdentity("bench-replay", start));
            templates.add(recorder.success(new CapturedPoll(socket, start, PollReplies.ISTGT_VERSION, poll).snapshot(),
                    Duration.ofMillis(3)));
            readRate[v] = 1 + random.nextInt(400);
            writeRate[v] = 1 + random.nextInt(200);
        }
    }

    private static List<String> payloads(byte[] reply, String command, UnaryOperator<String> edit) {
        String text = edit.apply(new String(reply, StandardCharsets.US_ASCII));
        return PollReplies.payloads(text.getBytes(StandardCharsets.US_ASCII), command);
    }

    int volumes() {
        return templates.size();
    }

    /** The records of poll {@code step} (0-based) of volume {@code v}: its volume record, then its replicas'. */
    List<OutboundRecord> poll(int v, int step) {
        PollRecords t = templates.get(v);
        VolumeStatus tv = t.volumes().getFirst().value();
        long seconds = interval.toSeconds() * step;
        CollectionMetadata metadata = CollectionMetadata.newBuilder(tv.getMetadata())
                .setCollectedAt(start.plus(interval.multipliedBy(step)))
                .setSequence(step + 1L)
                .setPollDurationMs(2L + (step * 7L + v) % 5)
                .build();
        long reads = readRate[v] * seconds;
        long writes = writeRate[v] * seconds;
        IoTotals io = tv.getIoTotals();
        TargetInfo target = tv.getTarget();
        VolumeStatus volume = VolumeStatus.newBuilder(tv).setMetadata(metadata)
                .setTarget(TargetInfo.newBuilder(target)
                        .setUpTimeSeconds(target.getUpTimeSeconds() + seconds)
                        .setUsedLogicalBlocks(target.getUsedLogicalBlocks() + writes / 64)
                        .setUsedBytes((target.getUsedLogicalBlocks() + writes / 64) * target.getSectorSizeBytes())
                        .setRevisionCounter(target.getRevisionCounter() + reads + writes).build())
                .setIoTotals(IoTotals.newBuilder(io)
                        .setReadCommands(io.getReadCommands() + reads)
                        .setWriteCommands(io.getWriteCommands() + writes)
                        .setReadBlocks(io.getReadBlocks() + reads * 8)
                        .setWriteBlocks(io.getWriteBlocks() + writes * 8)
                        .setReadBytes(io.getReadBytes() + reads * 4096)
                        .setWriteBytes(io.getWriteBytes() + writes * 4096)
                        .setReadTimeNs(io.getReadTimeNs() + reads * 1_210_000)
                        .setLuReadTimeNs(io.getLuReadTimeNs() + reads * 1_180_000)
                        .setReplicationReadTimeNs(io.getReplicationReadTimeNs() + reads * 1_170_000)
                        .setWriteTimeNs(io.getWriteTimeNs() + writes * 3_010_000)
                        .setLuWriteTimeNs(io.getLuWriteTimeNs() + writes * 2_990_000)
                        .setReplicationWriteTimeNs(io.getReplicationWriteTimeNs() + writes * 2_980_000).build())
                .build();
        List<OutboundRecord> out = new ArrayList<>(4);
        out.add(new OutboundRecord.Volume(t.volumes().getFirst().key(), volume));
        int i = 0;
        for (OutboundRecord.Replica r : t.replicas()) {
            ReplicaStatus tr = r.value();
            ReplicaStatus.Builder b = ReplicaStatus.newBuilder(tr).setMetadata(metadata);
            if (tr.getUpTimeSeconds() != null) {
                b.setUpTimeSeconds(tr.getUpTimeSeconds() + seconds);
            }
            if (tr.getCheckpointedIoSeq() != null) {
                b.setCheckpointedIoSeq(tr.getCheckpointedIoSeq() + (reads + writes) / 100_000 * 100_000);
            }
            if (tr.getRead() != null && tr.getRead().getResponseTimeNs() != null) {
                b.setRead(ReplicaOpStats.newBuilder(tr.getRead())
                        .setRequestTimeNs(tr.getRead().getRequestTimeNs() + reads * (400_000 + 1000L * i))
                        .setResponseTimeNs(tr.getRead().getResponseTimeNs() + reads * (1_000_000 + 3000L * i)).build());
            }
            if (tr.getWrite() != null && tr.getWrite().getResponseTimeNs() != null) {
                b.setWrite(ReplicaOpStats.newBuilder(tr.getWrite())
                        .setRequestTimeNs(tr.getWrite().getRequestTimeNs() + writes * (30_000 + 100L * i))
                        .setResponseTimeNs(tr.getWrite().getResponseTimeNs() + writes * (2_500_000 + 5000L * i)).build());
            }
            out.add(new OutboundRecord.Replica(r.key(), b.build()));
            i++;
        }
        return out;
    }
}
