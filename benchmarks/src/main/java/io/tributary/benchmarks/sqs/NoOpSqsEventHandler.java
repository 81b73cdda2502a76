package io.tributary.benchmarks.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * The typical Java function shape, {@code RequestHandler<SQSEvent, Void>}, doing nothing: the executor turns the event
 * JSON into an {@link SQSEvent} with aws-lambda-java-serialization, as the Lambda Java runtime does.
 */
public final class NoOpSqsEventHandler implements RequestHandler<SQSEvent, Void> {
    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        return null;
    }
}
