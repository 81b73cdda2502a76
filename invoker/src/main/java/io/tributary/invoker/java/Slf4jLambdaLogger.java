package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * The function's {@code context.getLogger()}: writes through SLF4J on {@code io.tributary.function.<name>}, the logger
 * that also carries the function's START/END/REPORT lines. Lines without a level are INFO, as Lambda's text format
 * treats them.
 */
final class Slf4jLambdaLogger implements LambdaLogger {
    private final Logger log;

    Slf4jLambdaLogger(Logger log) {
        this.log = log;
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        log(new String(message, StandardCharsets.UTF_8), level);
    }

    @Override
    public void log(String message, LogLevel level) {
        String line = stripTrailingNewline(message);
        switch (level == null ? LogLevel.UNDEFINED : level) {
            case TRACE -> log.trace(line);
            case DEBUG -> log.debug(line);
            case WARN -> log.warn(line);
            case ERROR, FATAL -> log.error(line);
            default -> log.info(line);
        }
    }

    private static String stripTrailingNewline(String message) {
        if (message == null) {
            return "null";
        }
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return message.substring(0, end);
    }
}
