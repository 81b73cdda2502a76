package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {

    @Test
    void runWithoutOptionsUsesTheDefaults() {
        assertThat(CommandLine.parse(List.of("run")))
                .isEqualTo(
                        new CommandLine.Command.Run(new ServiceOptions(Optional.empty(), 9050, Path.of(".tributary"))));
    }

    @Test
    void runTakesEveryOptionWithASpaceOrAnEqualsSign() {
        assertThat(CommandLine.parse(List.of("run", "--config", "t.yaml", "--port=9999", "--data-dir", "/tmp/d")))
                .isEqualTo(new CommandLine.Command.Run(
                        new ServiceOptions(Optional.of(Path.of("t.yaml")), 9999, Path.of("/tmp/d"))));
    }

    @Test
    void helpWinsAnywhere() {
        assertThat(CommandLine.parse(List.of("--help"))).isInstanceOf(CommandLine.Command.Help.class);
        assertThat(CommandLine.parse(List.of("run", "-h"))).isInstanceOf(CommandLine.Command.Help.class);
        assertThat(CommandLine.parse(List.of("help"))).isInstanceOf(CommandLine.Command.Help.class);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of(), "missing command: try 'tributary run'"),
                Arguments.of(List.of("start"), "unknown command 'start': the command is 'run'"),
                Arguments.of(List.of("run", "--verbose"), "unknown option '--verbose'"),
                Arguments.of(List.of("run", "config.yaml"), "unknown option 'config.yaml'"),
                Arguments.of(List.of("run", "--config"), "option --config needs a value"),
                Arguments.of(List.of("run", "--config", "--port", "1"), "option --config needs a value"),
                Arguments.of(
                        List.of("run", "--port", "http"), "--port must be a port number from 1 to 65535, got 'http'"),
                Arguments.of(List.of("run", "--port", "0"), "--port must be a port number from 1 to 65535, got '0'"),
                Arguments.of(
                        List.of("run", "--port=65536"), "--port must be a port number from 1 to 65535, got '65536'"),
                Arguments.of(List.of("run", "--data-dir="), "--data-dir must be a file path, got ''"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void wrongArgumentsAreUsageErrors(List<String> args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(args))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessage(message);
    }
}
