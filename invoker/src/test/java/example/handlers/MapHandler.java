package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Echoes its input and says which class loader loaded it. */
public class MapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> output = new LinkedHashMap<>(input);
        output.put("classLoader", String.valueOf(getClass().getClassLoader().getName()));
        return output;
    }
}
