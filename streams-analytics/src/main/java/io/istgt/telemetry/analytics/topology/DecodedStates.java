package io.istgt.telemetry.analytics.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decoded states of the keys a processor met last, in front of its store. The store's cache holds bytes,
 * so without this every record decoded its key's state again (about a tenth of a stream thread's CPU in a
 * replay). Every put still goes to the store, so the store, its changelog and what a restarted task restores
 * are as before; only reads are served from memory.
 *
 * <p>Memory is right only while nothing changes the store behind this processor's back. Kafka Streams does so
 * when it closes a task (a rebalance, a shutdown) and when it revives one after an aborted exactly-once
 * transaction: it wipes the stores and restores them from the changelog, then calls the same processor
 * instances' {@code init} again. So the processors {@link #attach} in {@code init} and {@link #clear} in
 * {@code close}: a revived task reads the restored store, not the states of the aborted transaction.
 *
 * <p>Bounded (least recently used out) so a task of a very large cluster does not hold every state twice.
 */
final class DecodedStates<V> {

    /** Keys per processor instance: a replay task of 2000 volumes meets about 350 volumes, 1000 replicas. */
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, V> decoded;
    private KeyValueStore<String, V> store;

    DecodedStates(int maxEntries) {
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Starts over on {@code store}, forgetting every state read or written before. */
    void attach(KeyValueStore<String, V> store) {
        this.store = store;
        decoded.clear();
    }

    /** Forgets every state read or written before; the next reads go to the store. */
    void clear() {
        decoded.clear();
    }

    V get(String key) {
        V state = decoded.get(key);
        if (state == null) {
            state = store.get(key);
            if (state != null) {
                decoded.put(key, state);
            }
        }
        return state;
    }

    void put(String key, V state) {
        store.put(key, state);
        decoded.put(key, state);
    }

    void delete(String key) {
        store.delete(key);
        decoded.remove(key);
    }
}
