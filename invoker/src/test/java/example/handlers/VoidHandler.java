package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Returns nothing: Lambda's Java runtime answers {@code null}. */
public class VoidHandler implements RequestHandler<String, Void> {
    @Override
    public Void handleRequest(String input, Context context) {
        return null;
    }
}
