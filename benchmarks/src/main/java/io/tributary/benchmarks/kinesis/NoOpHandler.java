package io.tributary.benchmarks.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** The benchmark's function: accepts every batch and does nothing (an empty response = success). */
public final class NoOpHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        // nothing: the benchmark measures Tributary, not the function
    }
}
