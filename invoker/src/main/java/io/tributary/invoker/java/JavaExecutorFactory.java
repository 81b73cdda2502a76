package io.tributary.invoker.java;

import io.tributary.api.ExecutorException;
import io.tributary.api.ExecutorFactory;
import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.invoker.internal.ExecutorSettings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The {@code java} executor: a handler class run in this process, with aws-lambda-java-core's interfaces and a real
 * {@code Context}.
 *
 * <pre>
 * Executor:
 *   Type: java
 *   Handler: com.example.Hello::handleRequest   # or com.example.Hello
 *   Classpath: [build/libs/hello-all.jar, lib/*] # jars, directories, dir/* for every jar in dir; absent = Tributary's own class path
 * </pre>
 */
public final class JavaExecutorFactory implements ExecutorFactory {
    static final String HANDLER = "Handler";
    static final String CLASSPATH = "Classpath";

    @Override
    public String type() {
        return "java";
    }

    @Override
    public FunctionExecutor create(FunctionConfig function) {
        ExecutorSettings settings = ExecutorSettings.of(function, Set.of(HANDLER, CLASSPATH));
        HandlerName handlerName = HandlerName.parse(
                ExecutorSettings.key(HANDLER), settings.requiredString(HANDLER, "com.example.Hello::handleRequest"));
        List<String> classpath = settings.stringList(CLASSPATH);

        URLClassLoader own = classpath.isEmpty() ? null : functionLoader(function.name(), classpath);
        ClassLoader loader = own != null ? own : JavaExecutorFactory.class.getClassLoader();
        String where = own != null ? "Classpath " + classpath : "Tributary's own class path";
        String logStreamName = logStreamName();
        SharedEnvironment.Claim environment = SharedEnvironment.PROCESS.claim(
                function.name(), function.environment(), reserved(function, handlerName, logStreamName));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            LambdaHandler handler = HandlerLoader.load(handlerName, loader, where);
            Slf4jLambdaLogger logger =
                    new Slf4jLambdaLogger(LoggerFactory.getLogger("io.tributary.function." + function.name()));
            return new JavaExecutor(
                    function,
                    handler,
                    loader,
                    () -> {
                        environment.close();
                        if (own != null) {
                            own.close();
                        }
                    },
                    logStreamName,
                    logger);
        } catch (RuntimeException | Error e) {
            environment.close();
            closeQuietly(own);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URLClassLoader functionLoader(String function, List<String> classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath) {
            for (Path path : expand(entry)) {
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ExecutorException(
                            "Classpath entry " + entry + " is not a valid path: " + e.getMessage(), e);
                }
            }
        }
        return new FunctionClassLoader(function, urls.toArray(URL[]::new), JavaExecutorFactory.class.getClassLoader());
    }

    /** A jar or directory, or {@code dir/*}: every jar in dir, sorted like Lambda's Java runtime sorts {@code lib/}. */
    private static List<Path> expand(String entry) {
        if (entry.endsWith("/*") || entry.endsWith("\\*")) {
            Path directory = Path.of(entry.substring(0, entry.length() - 2)).toAbsolutePath();
            if (!Files.isDirectory(directory)) {
                throw new ExecutorException(
                        "Classpath entry " + entry + ": directory " + directory + " does not exist");
            }
            try (Stream<Path> files = Files.list(directory)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new ExecutorException("Classpath entry " + entry + " cannot be listed: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(entry).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new ExecutorException("Classpath entry " + entry + " does not exist (" + path + ")");
        }
        return List.of(path);
    }

    /** The variables Lambda sets for every Java function (spec §4.6), where they do not clash between functions. */
    private static Map<String, String> reserved(FunctionConfig function, HandlerName handler, String logStreamName) {
        Map<String, String> reserved = new LinkedHashMap<>();
        reserved.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        reserved.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        reserved.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        reserved.put("AWS_LAMBDA_LOG_GROUP_NAME", FunctionContext.logGroupName(function));
        reserved.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        reserved.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        reserved.put("_HANDLER", handler.toString());
        return reserved;
    }

    /** Lambda's form: {@code YYYY/MM/DD/[$LATEST]<32 hex digits>}. */
    private static String logStreamName() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return String.format(
                "%04d/%02d/%02d/[$LATEST]%s",
                today.getYear(),
                today.getMonthValue(),
                today.getDayOfMonth(),
                HexFormat.of().formatHex(random));
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing was loaded from it that matters
            }
        }
    }
}
