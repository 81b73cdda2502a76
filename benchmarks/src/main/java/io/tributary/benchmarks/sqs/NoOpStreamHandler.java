package io.tributary.benchmarks.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** The no-op function of the throughput benchmark: takes the event and answers nothing (the whole batch succeeded). */
public final class NoOpStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) {
        // no-op: the benchmark measures everything around the function
    }
}
