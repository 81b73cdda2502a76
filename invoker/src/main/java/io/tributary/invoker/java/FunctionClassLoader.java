package io.tributary.invoker.java;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one function: its own {@code Classpath} over the JDK's platform classes, like the function's
 * deployment package over the Lambda runtime. Only aws-lambda-java-core's interfaces ({@code RequestHandler},
 * {@code Context}, {@code LambdaLogger}…) come from Tributary's own loader, so that the handler's classes implement the
 * same {@code RequestHandler} that Tributary checks for and calls, even when the function's jar bundles its own copy.
 *
 * <p>Everything else the function uses (aws-lambda-java-events, Jackson, SLF4J…) must be on its {@code Classpath}, as
 * it must be in its deployment package on AWS: Tributary's own libraries never leak into a function, and a function
 * missing a library fails here the way it would fail on Lambda.
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final String CORE_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    private static final String CORE_LOGGING_PACKAGE = "com.amazonaws.services.lambda.runtime.logging.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader lambdaCore;

    FunctionClassLoader(String functionName, URL[] classpath, ClassLoader lambdaCore) {
        super("function:" + functionName, classpath, ClassLoader.getPlatformClassLoader());
        this.lambdaCore = lambdaCore;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isLambdaCore(name)) {
            return lambdaCore.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    /** Classes of aws-lambda-java-core: its two packages, not their subpackages (events, serialization). */
    static boolean isLambdaCore(String className) {
        return inPackage(className, CORE_PACKAGE) || inPackage(className, CORE_LOGGING_PACKAGE);
    }

    private static boolean inPackage(String className, String packagePrefix) {
        return className.startsWith(packagePrefix) && className.indexOf('.', packagePrefix.length()) < 0;
    }
}
