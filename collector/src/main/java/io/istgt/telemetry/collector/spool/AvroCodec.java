package io.istgt.telemetry.collector.spool;

import io.istgt.telemetry.collector.publish.OutboundRecord;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.DroppedPolls;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records to Avro binary and back, for the spool: the bytes are exactly what the Confluent wire format carries
 * after its 5-byte header, so delivering a spooled record only prefixes the registry's id.
 */
public final class AvroCodec {

    private final SchemaStore schemas;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    /**
     * Buffered encoders over growable buffers, reused: polls encode on short-lived virtual threads, so a
     * thread-local would not be; a few are in use at once.
     */
    private final ConcurrentLinkedQueue<Buffer> buffers = new ConcurrentLinkedQueue<>();

    /** A reusable output buffer whose bytes are read without a copy, and a buffered encoder writing into it. */
    private static final class Buffer extends ByteArrayOutputStream {
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

        Buffer() {
            super(1024);
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }

    public AvroCodec(SchemaStore schemas) {
        this.schemas = schemas;
    }

    /** One outbound record in the spool's form. */
    public SpooledRecord encode(OutboundRecord r) throws IOException {
        Schema keySchema = r.key().getSchema();
        Schema valueSchema = r.value().getSchema();
        return new SpooledRecord(r.stream(), schemas.remember(keySchema), bytes(r.key()),
                schemas.remember(valueSchema), bytes(r.value()));
    }

    byte[] bytes(SpecificRecord record) {
        // As the serializer writes: Avro's SpecificDatumWriter, custom coders on.
        DatumWriter<Object> writer = writers.computeIfAbsent(record.getSchema(), AvroSerializer::specificWriter);
        Buffer out = buffers.poll();
        if (out == null) {
            out = new Buffer();
        }
        out.reset();
        try {
            writer.write(record, out.encoder);
            out.encoder.flush();
            byte[] bytes = out.bytes();
            if (out.size() <= 64 << 10) {
                buffers.offer(out);
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("writing Avro to memory cannot fail", e);
        }
    }

    /**
     * The record's value with the gap notice {@code gaps} added to its metadata, in this collector's schema
     * (the value may have been spooled by another version).
     */
    public SpooledRecord withGaps(SpooledRecord r, List<Checkpoint.Gap> gaps) throws IOException {
        Schema writer = schemas.get(r.valueSchema());
        List<DroppedPolls> dropped = gaps.stream().map(g -> DroppedPolls.newBuilder()
                .setCollectorStartedAt(Instant.ofEpochMilli(g.run())).setFirstSequence(g.first())
                .setLastSequence(g.last()).build()).toList();
        SpecificRecord value = switch (r.stream()) {
            case VOLUME -> {
                VolumeStatus v = read(writer, VolumeStatus.getClassSchema(), r.value());
                yield VolumeStatus.newBuilder(v).setMetadata(withDropped(v.getMetadata(), dropped)).build();
            }
            case REPLICA -> {
                ReplicaStatus p = read(writer, ReplicaStatus.getClassSchema(), r.value());
                yield ReplicaStatus.newBuilder(p).setMetadata(withDropped(p.getMetadata(), dropped)).build();
            }
        };
        return new SpooledRecord(r.stream(), r.keySchema(), r.key(), schemas.remember(value.getSchema()),
                bytes(value));
    }

    private static CollectionMetadata withDropped(CollectionMetadata m, List<DroppedPolls> dropped) {
        List<DroppedPolls> all = new java.util.ArrayList<>(m.getDroppedPolls());
        all.addAll(dropped);
        return CollectionMetadata.newBuilder(m).setDroppedPolls(all).build();
    }

    private static <T> T read(Schema writer, Schema reader, byte[] bytes) throws IOException {
        SpecificDatumReader<T> datumReader = new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
