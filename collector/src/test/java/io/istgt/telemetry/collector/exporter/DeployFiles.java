package io.istgt.telemetry.collector.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped files of deploy/prometheus and deploy/grafana, read as the tests use them. */
final class DeployFiles {

    static final Path PROMETHEUS = Path.of("..", "deploy", "prometheus");
    static final Path RULES = PROMETHEUS.resolve("istgt-rules.yml");
    static final Path CONFIG = PROMETHEUS.resolve("prometheus.yml");
    static final Path SERVICE_MONITOR = PROMETHEUS.resolve("servicemonitor.yaml");
    static final List<Path> DASHBOARDS = List.of(Path.of("..", "deploy", "grafana", "istgt-fleet.json"),
            Path.of("..", "deploy", "grafana", "istgt-volume.json"));
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    /** The label values a cStor target pod gives the shipped relabelling, set statically where there is no Kubernetes. */
    static final Map<String, String> POD_LABELS = Map.of(
            "__meta_kubernetes_namespace", "openebs",
            "__meta_kubernetes_pod_name", "pvc-it-target-5d8f",
            "__meta_kubernetes_pod_label_openebs_io_cas_type", "cstor",
            "__meta_kubernetes_pod_container_name", "istgt-collector",
            "__meta_kubernetes_pod_container_port_name", "exporter",
            "__meta_kubernetes_pod_label_openebs_io_persistent_volume", "pvc-it",
            "__meta_kubernetes_pod_label_openebs_io_persistent_volume_claim", "it-claim",
            "__meta_kubernetes_pod_label_app", "cstor-volume-manager");

    private DeployFiles() {
    }

    /**
     * The shipped prometheus.yml with its Kubernetes discovery replaced by a static target carrying a cStor target
     * pod's discovery labels, so that the real Prometheus runs the shipped relabelling on them (Debian's Prometheus
     * is built without Kubernetes discovery), scraping every {@code interval}, its rules read from the shipped file.
     */
    static Path configFor(String target, String interval, Path dir) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(CONFIG.toFile());
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", interval).put("evaluation_interval", interval);
        ArrayNode ruleFiles = config.putArray("rule_files");
        ruleFiles.add(RULES.toAbsolutePath().normalize().toString());
        ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0);
        job.remove("kubernetes_sd_configs");
        ObjectNode staticConfig = job.putArray("static_configs").addObject();
        staticConfig.putArray("targets").add(target);
        ObjectNode labels = staticConfig.putObject("labels");
        POD_LABELS.forEach(labels::put);
        Path file = dir.resolve("prometheus-it.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    /** Every rule expression of the shipped rules, by alert name. */
    static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> exprs = new LinkedHashMap<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.put(rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText().strip());
            }
        }
        return exprs;
    }

    /** Every query of a dashboard (panel title and ref id to expression), its variables still in. */
    static Map<String, String> dashboardQueries(Path dashboard) throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : JSON.readTree(dashboard.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(dashboard.getFileName() + ": " + panel.path("title").asText() + " "
                        + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        return queries;
    }

    /** A dashboard's template variables' names. */
    static List<String> variables(Path dashboard) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode v : JSON.readTree(dashboard.toFile()).path("templating").path("list")) {
            names.add(v.path("name").asText());
        }
        return names;
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

    /**
     * The PromQL behind each {@code label_values(QUERY, LABEL)} variable of a dashboard, as Grafana asks it:
     * {@code count by (LABEL) (QUERY)}.
     */
    static Map<String, String> variableQueries(Path dashboard) throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode v : JSON.readTree(dashboard.toFile()).path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(v.path("definition").asText());
            if (m.matches()) {
                queries.put(dashboard.getFileName() + ": variable " + v.path("name").asText(),
                        "count by (" + m.group(2) + ") (" + m.group(1) + ")");
            }
        }
        return queries;
    }

    private static final Pattern THRESHOLD = Pattern.compile("\\s*(>|<|>=|<=|==|!=)\\s*[0-9.]+\\s*$");

    /** An alert's expression without its final threshold: the series it compares, which must exist. */
    static String withoutThreshold(String expr) {
        Matcher m = THRESHOLD.matcher(expr);
        return m.find() ? expr.substring(0, m.start()) : expr;
    }

    /** {@code promql} with Grafana's variables filled in as a user's choice would. */
    static String fill(String promql, Map<String, String> variables) {
        String filled = promql.replace("$__rate_interval", "1m");
        for (Iterator<Map.Entry<String, String>> it = variables.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> v = it.next();
            filled = filled.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
        }
        return filled;
    }

    /** Runs promtool with {@code args}; its exit code and output. */
    static PromtoolResult promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run promtool (" + e.getMessage() + "): install Debian's prometheus package,"
                    + " which brings it, as .ci/run does", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new PromtoolResult(p.waitFor(), output);
    }

    record PromtoolResult(int exitCode, String output) {
    }

}
