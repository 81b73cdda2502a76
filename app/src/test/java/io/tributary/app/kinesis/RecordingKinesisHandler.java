package io.tributary.app.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The function of the Kinesis ITs, run in-process by the java executor: records every event in {@link Invocations}
 * and answers as the test's script for this function says (a response body, or an exception = function error).
 */
public final class RecordingKinesisHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String response = Invocations.record(context.getFunctionName(), event);
        if (response != null) {
            output.write(response.getBytes(StandardCharsets.UTF_8));
        }
    }
}
