package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;

/** A loaded handler seen as a stream handler, the way Lambda's Java runtime wraps every kind of handler. */
@FunctionalInterface
interface LambdaHandler {
    /** Runs the handler on the calling thread; whatever it throws is the function's error. */
    void handle(InputStream event, OutputStream response, Context context) throws Throwable;
}
