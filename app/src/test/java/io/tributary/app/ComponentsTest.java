package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    @Test
    void stopsInReverseStartOrderOnceOnly() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        Components components = new Components();
        components.add("sqs", () -> stopped.add("sqs"));
        components.add("runtime", () -> stopped.add("runtime"));
        components.add("api", () -> stopped.add("api"));

        components.close();
        components.close();

        assertThat(stopped).containsExactly("api", "runtime", "sqs");
    }

    @Test
    void aPartThatFailsOrHangsDoesNotKeepTheOthersRunning() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        Components components = new Components();
        components.add("sqs", () -> stopped.add("sqs"));
        components.add("hanging runtime", never::await, Duration.ofMillis(100));
        components.add("failing api", () -> {
            throw new IllegalStateException("boom");
        });

        long begin = System.nanoTime();
        components.close();

        assertThat(stopped).containsExactly("sqs");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }
}
