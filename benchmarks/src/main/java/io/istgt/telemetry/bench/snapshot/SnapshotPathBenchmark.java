package io.istgt.telemetry.bench.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.istgt.telemetry.client.IstgtControlException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: one snapshot from reply bytes to every encoded Avro record, against a plain Jackson
 * {@code readTree} of the same JSON bytes, in the same run.
 *
 * <ul>
 *   <li>{@code records_istgtstatus}: the ISTGTSTATUS reply (3 replicas) and the IOSTATS reply a volume record
 *       needs besides it, to 1 VolumeStatus + 3 ReplicaStatus, keys and values, Confluent wire format.
 *   <li>{@code readTree_istgtstatus}: {@code ObjectMapper.readTree} of those two JSON lines.
 *   <li>{@code records_deepPoll} / {@code readTree_deepPoll}: every reply of a deep poll (ISTGTSTATUS, IOSTATS,
 *       REPLICA, STATUS, STATS, INFO, MEMPOOL, MAXIOWAIT); the baseline reads its four JSON lines.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
        "-Dlogback.configurationFile=istgt-bench-logback.xml"})
public class SnapshotPathBenchmark {

    private static final String[] JSON_COMMANDS = {"ISTGTSTATUS", "IOSTATS", "REPLICA", "MEMPOOL"};

    private final ObjectMapper mapper = new ObjectMapper();
    private SnapshotPath path;
    private byte[][] deepPoll;
    private byte[][] json;
    private int[][] jsonRanges;

    @Setup
    public void setUp() {
        path = new SnapshotPath();
        Map<String, byte[]> replies = PollReplies.deepPoll();
        deepPoll = replies.values().toArray(byte[][]::new);
        json = new byte[JSON_COMMANDS.length][];
        jsonRanges = new int[JSON_COMMANDS.length][];
        for (int i = 0; i < JSON_COMMANDS.length; i++) {
            json[i] = replies.get(JSON_COMMANDS[i]);
            jsonRanges[i] = PollReplies.jsonRange(json[i]);
        }
    }

    @Benchmark
    public int records_istgtstatus() throws IstgtControlException {
        return path.istgtStatusAndIostats(deepPoll[0], deepPoll[1]);
    }

    @Benchmark
    public int readTree_istgtstatus() throws IOException {
        return readTree(0) + readTree(1);
    }

    @Benchmark
    public int records_deepPoll() throws IstgtControlException {
        return path.deepPoll(deepPoll);
    }

    @Benchmark
    public int readTree_deepPoll() throws IOException {
        return readTree(0) + readTree(1) + readTree(2) + readTree(3);
    }

    private int readTree(int i) throws IOException {
        int[] range = jsonRanges[i];
        return mapper.readTree(json[i], range[0], range[1] - range[0]).size();
    }
}
