package io.tributary.invoker.java;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import example.handlers.MapHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a function's deployment package from the compiled {@code example.handlers} test classes, the way a user's
 * build would: a jar, or a directory of classes.
 */
final class FunctionJars {
    private static final String HANDLERS = "example/handlers/";

    private FunctionJars() {}

    /** Writes the handler classes into {@code dir/handlers.jar}. */
    static Path handlersJar(Path dir) throws IOException {
        Path jar = dir.resolve("handlers.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Path classFile : handlerClassFiles()) {
                out.putNextEntry(new JarEntry(HANDLERS + classFile.getFileName()));
                Files.copy(classFile, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Copies the handler classes under {@code dir/classes}. */
    static Path handlersDirectory(Path dir) throws IOException {
        Path root = dir.resolve("classes");
        Path target = root.resolve(HANDLERS);
        Files.createDirectories(target);
        for (Path classFile : handlerClassFiles()) {
            Files.copy(classFile, target.resolve(classFile.getFileName().toString()));
        }
        return root;
    }

    /** aws-lambda-java-events and its joda-time dependency, as a fat jar would bundle them. */
    static List<String> eventsLibraries() {
        List<String> libraries = new ArrayList<>();
        libraries.add(location(SQSEvent.class).toString());
        try {
            libraries.add(location(Class.forName("org.joda.time.DateTime")).toString());
        } catch (ClassNotFoundException notNeeded) {
            // newer aws-lambda-java-events need no joda-time
        }
        return libraries;
    }

    private static List<Path> handlerClassFiles() throws IOException {
        Path handlers = location(MapHandler.class).resolve(HANDLERS);
        try (Stream<Path> files = Files.list(handlers)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
