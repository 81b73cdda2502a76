package io.tributary.invoker;

import java.util.Optional;

/**
 * A function as a caller names it: {@code my-fn}, {@code my-fn:$LATEST}, {@code 000000000000:function:my-fn},
 * {@code arn:aws:lambda:us-east-1:000000000000:function:my-fn[:qualifier]} (the forms of the Invoke API's
 * {@code FunctionName}, spec §1.1). Parts the caller left out are empty.
 */
record FunctionReference(
        String name,
        Optional<String> partition,
        Optional<String> region,
        Optional<String> account,
        Optional<String> qualifier) {

    /** Empty when the text is none of the accepted forms. */
    static Optional<FunctionReference> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.split(":", -1);
        if (text.startsWith("arn:")) {
            // arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]
            if ((parts.length != 7 && parts.length != 8)
                    || !parts[2].equals("lambda")
                    || !parts[5].equals("function")) {
                return Optional.empty();
            }
            return of(
                    parts[6],
                    part(parts[1]),
                    part(parts[3]),
                    part(parts[4]),
                    parts.length == 8 ? part(parts[7]) : none());
        }
        int function = indexOf(parts, "function");
        if (function < 0) {
            // name or name:qualifier
            return switch (parts.length) {
                case 1 -> of(parts[0], none(), none(), none(), none());
                case 2 -> of(parts[0], none(), none(), none(), part(parts[1]));
                default -> Optional.empty();
            };
        }
        // [region:]account:function:name[:qualifier]
        if (function < 1 || function > 2 || parts.length < function + 2 || parts.length > function + 3) {
            return Optional.empty();
        }
        Optional<String> region = function == 2 ? part(parts[0]) : none();
        Optional<String> qualifier = parts.length == function + 3 ? part(parts[function + 2]) : none();
        return of(parts[function + 1], none(), region, part(parts[function - 1]), qualifier);
    }

    /** Whether this names the function with the given unqualified ARN; only {@code $LATEST} exists locally. */
    boolean matches(FunctionReference function) {
        return name.equals(function.name)
                && qualifier.map("$LATEST"::equals).orElse(true)
                && sameOrUnspecified(partition, function.partition)
                && sameOrUnspecified(region, function.region)
                && sameOrUnspecified(account, function.account);
    }

    private static boolean sameOrUnspecified(Optional<String> asked, Optional<String> actual) {
        return asked.isEmpty() || asked.equals(actual);
    }

    private static Optional<FunctionReference> of(
            String name,
            Optional<String> partition,
            Optional<String> region,
            Optional<String> account,
            Optional<String> qualifier) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionReference(name, partition, region, account, qualifier));
    }

    private static int indexOf(String[] parts, String value) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> part(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> none() {
        return Optional.empty();
    }
}
