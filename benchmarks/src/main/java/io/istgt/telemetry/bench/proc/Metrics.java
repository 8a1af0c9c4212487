package io.istgt.telemetry.bench.proc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The collector's own /metrics series (Prometheus text format), scraped and summed by metric name and label. */
public final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> lines;

    private Metrics(List<String> lines) {
        this.lines = lines;
    }

    /**
     * The collector's own series the benchmarks read, asked for by name: the same /metrics also carries the targets'
     * istgt series (33 MB of text at 1000 targets), whose rendering would add to what a benchmark measures and to
     * the measured collector's heap.
     */
    private static final String OWN_SERIES = "?name[]=istgt_collector_polls_total"
            + "&name[]=istgt_collector_polls_skipped_total&name[]=istgt_collector_schedule_lateness_seconds"
            + "&name[]=istgt_collector_targets";

    public static Metrics scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics" + OWN_SERIES)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics on port " + port + " answered " + response.statusCode());
        }
        return new Metrics(response.body().lines().filter(l -> !l.startsWith("#")).toList());
    }

    /** The sum of every series of {@code name} whose labels contain {@code labelPart} (e.g. {@code outcome="success"}). */
    public double sum(String name, String labelPart) {
        double total = 0;
        for (String line : lines) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(labelPart)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** A classic histogram's cumulative buckets, upper bound to count. */
    public TreeMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = histogram + "_bucket{";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return buckets;
    }

    /** The buckets of {@code later} minus those of {@code earlier}: what was observed in between. */
    public static TreeMap<Double, Double> difference(Map<Double, Double> later, Map<Double, Double> earlier) {
        TreeMap<Double, Double> d = new TreeMap<>();
        later.forEach((bound, count) -> d.put(bound, count - earlier.getOrDefault(bound, 0.0)));
        return d;
    }

    /**
     * The {@code q} quantile of cumulative buckets, interpolated linearly inside its bucket (as Prometheus'
     * histogram_quantile does); the largest finite bound when it falls in +Inf; NaN without observations.
     */
    public static double quantile(TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(cumulative.entrySet());
        for (Map.Entry<Double, Double> e : entries) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket <= 0 ? e.getKey()
                        : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }

    /** The share of observations at or below {@code bound} (a bucket bound). */
    public static double shareAtMost(TreeMap<Double, Double> cumulative, double bound) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        Double at = cumulative.get(bound);
        return total <= 0 || at == null ? Double.NaN : at / total;
    }
}
