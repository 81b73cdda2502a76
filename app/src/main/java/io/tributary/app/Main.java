package io.tributary.app;

import io.tributary.api.TributaryException;
import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.TributaryConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary run [--config FILE] [--port N] [--data-dir DIR]}: starts {@link Tributary}, prints its endpoints
 * and a ready line, and runs until SIGTERM or Ctrl-C, then stops it in order and exits with status 0.
 *
 * <p>Exit status: 0 after a requested stop or {@code --help}; 1 when the service cannot start; 2 for a usage error or
 * a config error (printed as {@code <file>: <key>: <problem>}, without a stack trace).
 */
public final class Main {
    static final int OK = 0;
    static final int CANNOT_START = 1;
    static final int USAGE_OR_CONFIG_ERROR = 2;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, new ShutdownSignal()));
    }

    /**
     * Runs the command and returns the exit status; for {@code run}, returns once {@code stop} fires and the service
     * has stopped.
     */
    static int run(List<String> args, PrintStream out, PrintStream err, ShutdownSignal stop) {
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("tributary: " + e.getMessage());
            err.println("Run 'tributary --help' for usage.");
            return USAGE_OR_CONFIG_ERROR;
        }
        if (command instanceof CommandLine.Command.Run run) {
            return serve(run.options(), out, err, stop);
        }
        out.print(CommandLine.USAGE);
        return OK;
    }

    private static int serve(ServiceOptions options, PrintStream out, PrintStream err, ShutdownSignal stop) {
        Tributary tributary;
        try {
            TributaryConfig config =
                    options.configFile().map(TributaryConfig::load).orElseGet(TributaryConfig::demo);
            tributary = Tributary.start(config, options);
        } catch (ConfigFileException e) {
            err.println("tributary: config error: " + e.getMessage());
            return USAGE_OR_CONFIG_ERROR;
        } catch (TributaryException e) {
            err.println("tributary: cannot start: " + e.getMessage());
            return CANNOT_START;
        }
        stop.install(tributary::close);
        printBanner(tributary, out);
        stop.await();
        log.info("Shutting down: stopping in reverse start order");
        tributary.close();
        out.println("Tributary stopped");
        out.flush();
        return OK;
    }

    private static void printBanner(Tributary tributary, PrintStream out) {
        Endpoints endpoints = tributary.endpoints();
        TributaryConfig config = tributary.config();
        out.println("Tributary: AWS Lambda event source mappings");
        out.println("  API (Lambda event source mappings)  " + endpoints.api());
        out.println("  SQS "
                + (endpoints.embeddedSqs() ? "(embedded, persistent)          " : "(Sqs.Endpoint)                  ")
                + endpoints.sqs());
        out.println("  Data directory                      " + endpoints.dataDir());
        out.println("  Config                              " + config.source());
        if (config.source().equals(TributaryConfig.DEMO_SOURCE)) {
            out.println("Demo: send a message and watch demo-logger log it:  " + demoHint(config, endpoints));
        }
        out.println("Tributary ready in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms (Ctrl-C stops it)");
        out.flush();
    }

    /** An AWS CLI command that works on a fresh machine: the embedded server takes any keys. */
    static String demoHint(TributaryConfig config, Endpoints endpoints) {
        String queue = config.sqs().queues().get(0).queueName();
        return "AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --region " + config.region() + " --endpoint-url "
                + endpoints.sqs() + " sqs send-message --queue-url " + endpoints.sqs() + "/" + config.accountId() + "/"
                + queue + " --message-body 'hello'";
    }

    /**
     * Turns SIGTERM and SIGINT into an orderly stop with exit status 0. A second signal while stopping exits at once
     * (status 130). If a signal handler cannot be installed, a shutdown hook still stops the service in order.
     */
    static class ShutdownSignal {
        private final CountDownLatch stopRequested = new CountDownLatch(1);

        /** Installs the handlers; {@code fallback} stops the service if the JVM exits some other way. */
        void install(Runnable fallback) {
            Runtime.getRuntime().addShutdownHook(new Thread(fallback, "tributary-shutdown"));
            for (String name : List.of("TERM", "INT")) {
                try {
                    // sun.misc.Signal (module jdk.unsupported) is the JDK's only way to exit 0 on SIGTERM after an
                    // orderly stop; a shutdown hook alone would end with 143.
                    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> request(signal.getName()));
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    log.debug("Cannot handle SIG{}: {}; the shutdown hook will stop Tributary", name, e.toString());
                }
            }
        }

        void request(String why) {
            if (stopRequested.getCount() == 0) {
                log.warn("SIG{} again while stopping: exiting now", why);
                Runtime.getRuntime().halt(130);
            }
            log.info("SIG{} received", why);
            stopRequested.countDown();
        }

        void await() {
            try {
                stopRequested.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
