package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.concurrent.CountDownLatch;

/**
 * Waits until the test releases it, or until it is interrupted. Loaded from the application class path (no
 * Classpath), so the test shares these latches with it.
 */
public class BlockingHandler implements RequestHandler<Object, String> {
    public static volatile CountDownLatch release = new CountDownLatch(1);
    public static volatile CountDownLatch interrupted = new CountDownLatch(1);

    public static void reset() {
        release = new CountDownLatch(1);
        interrupted = new CountDownLatch(1);
    }

    @Override
    public String handleRequest(Object input, Context context) {
        try {
            release.await();
            return "released";
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
