package io.tributary.app.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics}: every mapping's counters in Prometheus' text format, named after Lambda's ESM metrics
 * ({@code FilteredOutEventCount} becomes {@code tributary_filtered_out_event_count_total{uuid="…"}}).
 */
final class MetricsPage {
    static final String PATH = "/metrics";

    private MetricsPage() {}

    static void serve(HttpExchange exchange, Map<String, Map<String, Long>> byMapping) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = render(byMapping).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String render(Map<String, Map<String, Long>> byMapping) {
        Map<String, StringBuilder> families = new TreeMap<>();
        new TreeMap<>(byMapping)
                .forEach((uuid, counters) -> counters.forEach((name, value) -> families.computeIfAbsent(
                                name, n -> new StringBuilder("# TYPE " + promName(n) + " counter\n"))
                        .append(promName(name))
                        .append("{uuid=\"")
                        .append(uuid)
                        .append("\"} ")
                        .append(value)
                        .append('\n')));
        StringBuilder out = new StringBuilder();
        families.values().forEach(out::append);
        return out.toString();
    }

    /** {@code FilteredOutEventCount} → {@code tributary_filtered_out_event_count_total}. */
    static String promName(String lambdaName) {
        return "tributary_" + lambdaName.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase() + "_total";
    }
}
