package io.tributary.invoker.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP/1.1 client for every http function in the process: it keeps connections alive per host and port, so
 * functions behind one server share a connection pool. Its threads are daemons, so it needs no closing (JDK 17's
 * {@link HttpClient} has no {@code close()}).
 */
final class SharedHttpClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private SharedHttpClient() {}

    static HttpClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor())
                .build();

        private static ExecutorService executor() {
            AtomicInteger threads = new AtomicInteger();
            return new ThreadPoolExecutor(
                    0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "tributary-http-executor-" + threads.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }
}
