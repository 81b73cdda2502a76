package io.tributary.invoker.java;

import io.tributary.api.ConfigException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Handler} setting as Lambda's Java runtime reads it: {@code com.example.Hello} (a class implementing
 * {@code RequestHandler} or {@code RequestStreamHandler}) or {@code com.example.Hello::handleRequest} (a method).
 */
record HandlerName(String className, Optional<String> methodName) {
    private static final Pattern FORMAT = Pattern.compile(
            "(\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}.]*)(?:::(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*))?");

    static HandlerName parse(String key, String handler) {
        Matcher matcher = FORMAT.matcher(handler);
        if (!matcher.matches() || handler.endsWith(".") || handler.contains("..")) {
            throw new ConfigException(
                    key,
                    "'" + handler
                            + "' is not a Java handler; write com.example.Hello or com.example.Hello::handleRequest");
        }
        return new HandlerName(matcher.group(1), Optional.ofNullable(matcher.group(2)));
    }

    @Override
    public String toString() {
        return className + methodName.map(m -> "::" + m).orElse("");
    }
}
