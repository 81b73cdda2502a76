package io.tributary.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsPageTest {
    @Test
    void lambda_metric_names_become_prometheus_counters_labelled_by_mapping() {
        Map<String, Long> a = new LinkedHashMap<>();
        a.put("PolledEventCount", 5L);
        a.put("FilteredOutEventCount", 2L);

        String page = MetricsPage.render(Map.of("uuid-b", Map.of("PolledEventCount", 1L), "uuid-a", a));

        assertThat(page)
                .isEqualTo("# TYPE tributary_filtered_out_event_count_total counter\n"
                        + "tributary_filtered_out_event_count_total{uuid=\"uuid-a\"} 2\n"
                        + "# TYPE tributary_polled_event_count_total counter\n"
                        + "tributary_polled_event_count_total{uuid=\"uuid-a\"} 5\n"
                        + "tributary_polled_event_count_total{uuid=\"uuid-b\"} 1\n");
    }
}
