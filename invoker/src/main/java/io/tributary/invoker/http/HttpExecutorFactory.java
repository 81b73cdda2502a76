package io.tributary.invoker.http;

import io.tributary.api.ConfigException;
import io.tributary.api.ExecutorFactory;
import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.invoker.internal.ExecutorSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The {@code http} executor: each invocation is a POST of the event JSON to a URL; a 2xx body is the function's
 * response.
 *
 * <pre>
 * Executor:
 *   Type: http
 *   Url: http://127.0.0.1:8080/invoke
 * </pre>
 */
public final class HttpExecutorFactory implements ExecutorFactory {
    static final String URL = "Url";

    @Override
    public String type() {
        return "http";
    }

    @Override
    public FunctionExecutor create(FunctionConfig function) {
        ExecutorSettings settings = ExecutorSettings.of(function, Set.of(URL));
        String url = settings.requiredString(URL, "http://127.0.0.1:8080/invoke");
        return new HttpExecutor(function, parse(url), SharedHttpClient.get());
    }

    private static URI parse(String url) {
        String key = ExecutorSettings.key(URL);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new ConfigException(key, "'" + url + "' must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException(key, "'" + url + "' has no host");
        }
        return uri;
    }
}
