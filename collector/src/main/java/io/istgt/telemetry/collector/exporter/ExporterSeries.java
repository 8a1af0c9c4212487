package io.istgt.telemetry.collector.exporter;

/**
 * Which of the targets' istgt series {@code /metrics} carries. A scrape renders every series it carries from every
 * target's last poll at once: at 1000 targets all of them are 215,000 series and 33.5 MB of text, about 100 MiB of
 * heap while it renders (docs/benchmarks.md, the exporter benchmark), so a fleet collector may keep to fewer.
 */
public enum ExporterSeries {
    /** m-exporter's {@code openebs_*} series and the deep {@code istgt_*} ones. */
    ALL(true, true),
    /** m-exporter's {@code openebs_*} series only: what openebs/monitoring's dashboards and rules read. */
    COMPATIBLE(true, false),
    /** None: the collector's own series only (the records in Kafka carry everything). */
    NONE(false, false);

    private final boolean compatible;
    private final boolean deep;

    ExporterSeries(boolean compatible, boolean deep) {
        this.compatible = compatible;
        this.deep = deep;
    }

    public boolean compatible() {
        return compatible;
    }

    public boolean deep() {
        return deep;
    }
}
