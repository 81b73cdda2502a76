package io.tributary.api;

import java.util.Optional;

/** The functions Tributary can invoke, looked up as Lambda does. Thread-safe. */
public interface FunctionRegistry {

    /**
     * Finds a function by name ({@code my-fn}), unqualified ARN ({@code arn:aws:lambda:us-east-1:000000000000:function:my-fn}),
     * qualified ARN ({@code …:function:my-fn:$LATEST}) or partial ARN ({@code 000000000000:function:my-fn}).
     */
    Optional<LambdaFunction> find(String functionNameOrArn);
}
