package io.tributary.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Parses {@code tributary}'s arguments. */
final class CommandLine {
    static final String USAGE =
            """
            Usage: tributary run [--config FILE] [--port N] [--data-dir DIR]
                   tributary --help

            Runs Tributary: AWS Lambda event source mappings on your machine.

              --config FILE    functions, queues and mappings to start with (YAML, see docs/configuration.md);
                               without it Tributary starts a demo: queue demo-queue -> function demo-logger
              --port N         port of the HTTP API (Lambda's event source mapping API) on 127.0.0.1 [9050]
              --data-dir DIR   where queues, messages and mappings are kept across restarts [./.tributary]
              -h, --help       show this help
            """;

    /** What the user asked for. */
    sealed interface Command {
        record Run(ServiceOptions options) implements Command {}

        record Help() implements Command {}
    }

    /** The arguments are wrong; the message says how. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {}

    static Command parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("missing command: try 'tributary run'");
        }
        if (args.contains("-h") || args.contains("--help") || args.get(0).equals("help")) {
            return new Command.Help();
        }
        if (!args.get(0).equals("run")) {
            throw new UsageException("unknown command '" + args.get(0) + "': the command is 'run'");
        }
        Optional<Path> config = Optional.empty();
        int port = ServiceOptions.DEFAULT_API_PORT;
        Path dataDir = ServiceOptions.DEFAULT_DATA_DIR;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!List.of("--config", "--port", "--data-dir").contains(name)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + name + " needs a value");
            }
            switch (name) {
                case "--config" -> config = Optional.of(path(name, value));
                case "--port" -> port = port(value);
                default -> dataDir = path(name, value);
            }
        }
        return new Command.Run(new ServiceOptions(config, port, dataDir));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a port number from 1 to 65535, got '" + value + "'");
    }

    private static Path path(String option, String value) {
        try {
            if (!value.isBlank()) {
                return Path.of(value);
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new UsageException(option + " must be a file path, got '" + value + "'");
    }
}
