package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.tributary.api.FunctionConfig;

/**
 * The {@link Context} a handler receives, with the values Lambda gives (spec §4.6): log group
 * {@code /aws/lambda/<name>}, version {@code $LATEST}, remaining time counted down to the invocation's deadline. Event
 * source mappings invoke without a client context or Cognito identity, so those are null as on AWS.
 */
final class FunctionContext implements Context {
    private final FunctionConfig function;
    private final String requestId;
    private final long deadlineEpochMillis;
    private final String logStreamName;
    private final LambdaLogger logger;

    FunctionContext(
            FunctionConfig function,
            String requestId,
            long deadlineEpochMillis,
            String logStreamName,
            LambdaLogger logger) {
        this.function = function;
        this.requestId = requestId;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.logStreamName = logStreamName;
        this.logger = logger;
    }

    static String logGroupName(FunctionConfig function) {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName(function);
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineEpochMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
