package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.tributary.api.ExecutorException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses how a handler's input and output are converted, as the Lambda Java runtime does: the function's own
 * {@link CustomPojoSerializer} (found with {@code ServiceLoader} in its class loader) if it has one; the Lambda event
 * serializers of aws-lambda-java-serialization for the event classes they know ({@code SQSEvent}, {@code KinesisEvent},
 * {@code DynamodbEvent}, {@code S3Event}…: plain Jackson gets their casing and dates wrong); otherwise the library's
 * Jackson-based POJO serializer (POJOs, {@code Map}, {@code List}, {@code String}, numbers).
 */
final class Serializers {
    private final ClassLoader loader;
    private final CustomPojoSerializer custom;

    private Serializers(ClassLoader loader, CustomPojoSerializer custom) {
        this.loader = loader;
        this.custom = custom;
    }

    static Serializers of(ClassLoader loader) {
        try {
            return new Serializers(
                    loader,
                    ServiceLoader.load(CustomPojoSerializer.class, loader)
                            .findFirst()
                            .orElse(null));
        } catch (ServiceConfigurationError e) {
            throw new ExecutorException("The function's CustomPojoSerializer cannot be loaded: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    PojoSerializer<Object> forType(Type type) {
        if (custom != null) {
            return new CustomSerializer(custom, type);
        }
        if (type instanceof Class<?> eventClass
                && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private record CustomSerializer(CustomPojoSerializer serializer, Type type) implements PojoSerializer<Object> {
        @Override
        public Object fromJson(InputStream input) {
            return serializer.fromJson(input, type);
        }

        @Override
        public Object fromJson(String input) {
            return fromJson(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void toJson(Object value, OutputStream output) {
            serializer.toJson(value, output, type);
        }
    }
}
