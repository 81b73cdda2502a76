package io.tributary.invoker.java;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes in-process functions' environment variables visible to {@code System.getenv}, which reads one process-wide
 * map. There is no per-function environment inside one JVM, so the honest best is:
 *
 * <ul>
 *   <li>a variable the process already had when Tributary started is never changed (changing {@code PATH} or
 *       {@code AWS_REGION} would change Tributary itself); a function that sets it differently is warned about;
 *   <li>a variable set by one function, or by several with the same value, is set;
 *   <li>a variable set by several functions with different values is left unset, with a warning: no function ever
 *       sees another function's value.
 * </ul>
 *
 * Writing the map needs {@code --add-opens java.base/java.util=ALL-UNNAMED} (and {@code java.base/java.lang} on
 * Windows); without it functions still run and a warning says their variables are not visible. The {@code runtime}
 * executor, which runs each function in its own process, gives real isolation.
 *
 * <p>Thread-safe. The process environment is inherently one per JVM, hence this one instance.
 */
final class SharedEnvironment {
    static final SharedEnvironment PROCESS = new SharedEnvironment(System.getenv(), writableProcessEnvironment());

    private static final Logger LOG = LoggerFactory.getLogger(SharedEnvironment.class);

    private final Map<String, String> original;
    private final Map<String, String> target;
    private final Map<String, Map<Claim, String>> claims = new HashMap<>();
    private final Set<String> conflictsReported = new HashSet<>();

    /**
     * @param original the environment as the process started
     * @param target the map to write, or null when it cannot be written
     */
    SharedEnvironment(Map<String, String> original, Map<String, String> target) {
        this.original = Map.copyOf(original);
        this.target = target;
    }

    /** Whether variables can be made visible to {@code System.getenv} in this JVM. */
    boolean writable() {
        return target != null;
    }

    /**
     * Claims the function's variables; {@code reserved} are Lambda's own variables ({@code AWS_LAMBDA_FUNCTION_NAME}…),
     * expected to differ between functions, so a conflict on them is only logged at DEBUG.
     */
    synchronized Claim claim(String function, Map<String, String> variables, Map<String, String> reserved) {
        Claim claim = new Claim(this, function, new LinkedHashMap<>(reserved));
        claim.variables.putAll(variables);
        if (target == null) {
            if (!variables.isEmpty()) {
                LOG.warn(
                        "Function {} has Environment variables {} but they cannot be made visible to System.getenv: "
                                + "start Tributary with --add-opens java.base/java.util=ALL-UNNAMED "
                                + "--add-opens java.base/java.lang=ALL-UNNAMED",
                        function,
                        variables.keySet());
            }
            return claim;
        }
        for (Map.Entry<String, String> variable : claim.variables.entrySet()) {
            String key = variable.getKey();
            boolean userVariable = variables.containsKey(key);
            String processValue = original.get(key);
            if (processValue != null) {
                if (userVariable && !processValue.equals(variable.getValue())) {
                    LOG.warn(
                            "Function {} sets environment variable {}, but Tributary's own process already has it with "
                                    + "another value; in-process java functions share the process environment, so {} "
                                    + "sees the process's value",
                            function,
                            key,
                            function);
                }
                continue;
            }
            claims.computeIfAbsent(key, k -> new IdentityHashMap<>()).put(claim, variable.getValue());
            apply(key, userVariable);
        }
        return claim;
    }

    private synchronized void release(Claim claim) {
        for (String key : claim.variables.keySet()) {
            Map<Claim, String> holders = claims.get(key);
            if (holders != null && holders.remove(claim) != null) {
                if (holders.isEmpty()) {
                    claims.remove(key);
                }
                apply(key, false);
            }
        }
    }

    private void apply(String key, boolean warnOnConflict) {
        Map<Claim, String> holders = claims.getOrDefault(key, Map.of());
        Set<String> values = new HashSet<>(holders.values());
        if (values.size() == 1) {
            put(key, values.iterator().next());
            conflictsReported.remove(key);
            return;
        }
        remove(key);
        if (values.size() > 1 && conflictsReported.add(key)) {
            String functions = holders.keySet().stream()
                    .map(c -> c.function)
                    .distinct()
                    .sorted()
                    .toList()
                    .toString();
            if (warnOnConflict) {
                LOG.warn(
                        "Environment variable {} has different values in functions {}; in-process java functions share "
                                + "one process environment, so it is left unset for all of them (the runtime executor "
                                + "isolates environments)",
                        key,
                        functions);
            } else {
                LOG.debug(
                        "{} is left unset: functions {} run in one process and each has its own value", key, functions);
            }
        }
    }

    private void put(String key, String value) {
        target.put(key, value);
    }

    private void remove(String key) {
        target.remove(key);
    }

    /**
     * The writable map behind {@code System.getenv()}: on Linux and macOS {@code System.getenv()} is an unmodifiable
     * view over {@code ProcessEnvironment}'s string map, which {@code System.getenv(name)} also reads. Null when
     * {@code java.util} is not opened to Tributary (or on a JDK where the layout differs).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> writableProcessEnvironment() {
        try {
            Map<String, String> view = System.getenv();
            Field inner = view.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            Map<String, String> environment = (Map<String, String>) inner.get(view);
            Map<String, String> windows = windowsCaseInsensitiveEnvironment();
            return windows == null ? environment : new BothMaps(environment, windows);
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }

    /** On Windows {@code System.getenv(name)} reads a second, case-insensitive copy. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> windowsCaseInsensitiveEnvironment() throws ReflectiveOperationException {
        Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
        try {
            Field field = processEnvironment.getDeclaredField("theCaseInsensitiveEnvironment");
            field.setAccessible(true);
            return (Map<String, String>) field.get(null);
        } catch (NoSuchFieldException notWindows) {
            return null;
        }
    }

    /** One function's variables, released when the function is closed. */
    static final class Claim implements AutoCloseable {
        private final SharedEnvironment environment;
        private final String function;
        private final Map<String, String> variables;
        private boolean released;

        private Claim(SharedEnvironment environment, String function, Map<String, String> variables) {
            this.environment = environment;
            this.function = function;
            this.variables = variables;
        }

        @Override
        public void close() {
            synchronized (environment) {
                if (!released) {
                    released = true;
                    environment.release(this);
                }
            }
        }
    }

    /** Writes go to both of Windows' environment maps. */
    private static final class BothMaps extends HashMap<String, String> {
        private final transient Map<String, String> first;
        private final transient Map<String, String> second;

        BothMaps(Map<String, String> first, Map<String, String> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public String put(String key, String value) {
            second.put(key, value);
            return first.put(key, value);
        }

        @Override
        public String remove(Object key) {
            second.remove(key);
            return first.remove(key);
        }
    }
}
