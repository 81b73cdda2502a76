package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what it sees of its environment variables and its Context. */
public class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        context.getLogger().log("reading the environment of " + context.getFunctionName() + "\n");
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("GREETING", System.getenv("GREETING"));
        seen.put("AWS_LAMBDA_FUNCTION_NAME", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
        seen.put("awsRequestId", context.getAwsRequestId());
        seen.put("functionName", context.getFunctionName());
        seen.put("functionVersion", context.getFunctionVersion());
        seen.put("invokedFunctionArn", context.getInvokedFunctionArn());
        seen.put("memoryLimitInMB", context.getMemoryLimitInMB());
        seen.put("logGroupName", context.getLogGroupName());
        seen.put("logStreamName", context.getLogStreamName());
        seen.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        seen.put(
                "contextClassLoader",
                String.valueOf(Thread.currentThread().getContextClassLoader().getName()));
        seen.put("thread", Thread.currentThread().getName());
        return seen;
    }
}
