package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import io.tributary.api.ExecutorException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a handler the way Lambda's Java runtime does (aws-lambda-java-runtime-interface-client, EventHandlerLoader): a
 * class implementing {@link RequestStreamHandler} or {@link RequestHandler} (input and output types read from its
 * generic interface), or a public method {@code Class::method} taking {@code (InputStream, OutputStream[, Context])} or
 * {@code ([Input][, Context])}. The handler object is created once with its public no-argument constructor.
 */
final class HandlerLoader {
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private HandlerLoader() {}

    /**
     * @param where the class path in words, for messages
     * @throws ExecutorException when the handler cannot be found, created or called
     */
    static LambdaHandler load(HandlerName name, ClassLoader loader, String where) {
        try {
            return create(name, loader, where);
        } catch (TypeNotPresentException | LinkageError e) {
            // e.g. the handler uses SQSEvent but aws-lambda-java-events is not on its Classpath
            throw new ExecutorException(
                    "Handler " + name + " needs a class that is missing from " + where + ": " + e, e);
        }
    }

    private static LambdaHandler create(HandlerName name, ClassLoader loader, String where) {
        Class<?> type = loadClass(name, loader, where);
        boolean interfaceMethod = name.methodName().map("handleRequest"::equals).orElse(true);
        if (interfaceMethod && RequestStreamHandler.class.isAssignableFrom(type)) {
            RequestStreamHandler handler = (RequestStreamHandler) instantiate(type);
            return handler::handleRequest;
        }
        if (interfaceMethod && RequestHandler.class.isAssignableFrom(type)) {
            Type[] io = requestHandlerTypes(type);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instantiate(type);
            return pojo(Serializers.of(loader), io[0], isVoid(io[1]) ? null : io[1], handler::handleRequest);
        }
        if (name.methodName().isEmpty()) {
            throw new ExecutorException("Class does not implement an appropriate handler interface: " + type.getName()
                    + " (implement RequestHandler or RequestStreamHandler, or name a method as " + type.getName()
                    + "::method)");
        }
        return method(type, name.methodName().get(), loader);
    }

    private static Class<?> loadClass(HandlerName name, ClassLoader loader, String where) {
        try {
            return Class.forName(name.className(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new ExecutorException("Class not found: " + name.className() + " (looked on " + where + ")", e);
        } catch (ExceptionInInitializerError e) {
            throw new ExecutorException(
                    "Handler class " + name.className() + " failed to initialize: " + e.getCause(), e.getCause());
        } catch (LinkageError e) {
            throw new ExecutorException(
                    "Handler class " + name.className() + " cannot be loaded from " + where + ": " + e, e);
        }
    }

    private static Object instantiate(Class<?> type) {
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ExecutorException("Class " + type.getName() + " has no public zero-argument constructor", e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new ExecutorException(
                    "Handler " + type.getName() + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ExecutorException("Handler " + type.getName() + " cannot be created: " + e, e);
        }
    }

    /** I and O of {@code RequestHandler<I, O>}, resolved through superclasses and generic superinterfaces. */
    static Type[] requestHandlerTypes(Class<?> type) {
        Type[] found = find(type, Map.of());
        if (found == null) {
            throw new ExecutorException(
                    "Class " + type.getName() + " does not implement RequestHandler with concrete type parameters");
        }
        for (Type parameter : found) {
            if (parameter instanceof TypeVariable<?>) {
                throw new ExecutorException("Class " + type.getName()
                        + " does not implement RequestHandler with concrete type parameters: parameter " + parameter
                        + " is not bound");
            }
        }
        return found;
    }

    private static Type[] find(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        for (Type candidate : supertypes(type)) {
            if (candidate instanceof ParameterizedType parameterized) {
                Class<?> raw = (Class<?>) parameterized.getRawType();
                Type[] arguments = parameterized.getActualTypeArguments().clone();
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = bindings.getOrDefault(arguments[i], arguments[i]);
                }
                if (raw == RequestHandler.class) {
                    return arguments;
                }
                Map<TypeVariable<?>, Type> next = new HashMap<>();
                TypeVariable<?>[] variables = raw.getTypeParameters();
                for (int i = 0; i < variables.length; i++) {
                    next.put(variables[i], arguments[i]);
                }
                Type[] found = find(raw, next);
                if (found != null) {
                    return found;
                }
            } else if (candidate instanceof Class<?> raw && RequestHandler.class.isAssignableFrom(raw)) {
                Type[] found = find(raw, Map.of());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Type[] supertypes(Class<?> type) {
        Type[] interfaces = type.getGenericInterfaces();
        Type superclass = type.getGenericSuperclass();
        if (superclass == null) {
            return interfaces;
        }
        Type[] all = Arrays.copyOf(interfaces, interfaces.length + 1);
        all[interfaces.length] = superclass;
        return all;
    }

    private static LambdaHandler method(Class<?> type, String methodName, ClassLoader loader) {
        // Lambda prefers non-bridge methods, then the longest signature, counting a trailing Context as one more.
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && m.getParameterCount() <= 3)
                .min(Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m)))
                .orElseThrow(() -> new ExecutorException("No public method named " + methodName
                        + " with appropriate method signature found on class " + type.getName()));
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
        Class<?>[] parameters = method.getParameterTypes();
        boolean context = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        int values = parameters.length - (context ? 1 : 0);
        if (values >= 1 && parameters[0] == InputStream.class) {
            if (values != 2 || parameters[1] != OutputStream.class) {
                throw new ExecutorException("Method " + type.getName() + "::" + methodName
                        + " must take (InputStream, OutputStream[, Context]) to be a stream handler");
            }
            return (event, response, ctx) -> call(
                    method, target, context ? new Object[] {event, response, ctx} : new Object[] {event, response});
        }
        if (values > 1) {
            throw new ExecutorException("Method " + type.getName() + "::" + methodName
                    + " takes too many arguments: a handler takes an input and/or a Context");
        }
        Type input = values == 1 ? method.getGenericParameterTypes()[0] : null;
        Type output = isVoid(method.getGenericReturnType()) ? null : method.getGenericReturnType();
        return pojo(Serializers.of(loader), input, output, (value, ctx) -> {
            Object[] arguments = values == 1
                    ? (context ? new Object[] {value, ctx} : new Object[] {value})
                    : (context ? new Object[] {ctx} : new Object[0]);
            return call(method, target, arguments);
        });
    }

    private static int weight(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean context = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        return parameters.length + (context ? 1 : 0);
    }

    private static Object call(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    private static boolean isVoid(Type type) {
        return type == void.class || type == Void.class;
    }

    /** Converts JSON to the input type and the handler's result back to JSON ({@code null} without an output type). */
    private static LambdaHandler pojo(Serializers serializers, Type input, Type output, PojoCall call) {
        PojoSerializer<Object> reader = input == null ? null : serializers.forType(input);
        PojoSerializer<Object> writer = output == null ? null : serializers.forType(output);
        return (event, response, context) -> {
            Object value;
            try {
                value = reader == null ? null : reader.fromJson(event);
            } catch (RuntimeException | LinkageError e) {
                // The Lambda Java runtime's wording for an event that does not fit the handler's input type.
                throw new RuntimeException("An error occurred during JSON parsing", e);
            }
            Object result = call.handle(value, context);
            try {
                if (writer == null) {
                    response.write(JSON_NULL);
                } else {
                    writer.toJson(result, response);
                }
            } catch (RuntimeException | LinkageError e) {
                throw new RuntimeException("An error occurred during JSON serialization of response", e);
            }
        };
    }

    @FunctionalInterface
    private interface PojoCall {
        Object handle(Object input, Context context) throws Throwable;
    }
}
