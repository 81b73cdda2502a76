package io.tributary.invoker.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedEnvironmentTest {
    private final Map<String, String> process = new HashMap<>(Map.of("PATH", "/usr/bin"));
    private final SharedEnvironment environment = new SharedEnvironment(Map.copyOf(process), process);

    @Test
    void aVariableOfOneFunctionIsSetAndRemovedWhenItIsReleased() {
        // given
        SharedEnvironment.Claim claim = environment.claim("a", Map.of("TABLE", "orders"), Map.of());
        assertThat(process).containsEntry("TABLE", "orders");

        // when
        claim.close();

        // then
        assertThat(process).doesNotContainKey("TABLE");
    }

    @Test
    void aVariableWithDifferentValuesInTwoFunctionsIsLeftUnsetSoNeitherSeesTheOthersValue() {
        // given
        environment.claim("a", Map.of("TABLE", "orders"), Map.of());

        // when
        SharedEnvironment.Claim second = environment.claim("b", Map.of("TABLE", "audit"), Map.of());

        // then
        assertThat(process).doesNotContainKey("TABLE");

        // and once b is gone, a's value is back
        second.close();
        assertThat(process).containsEntry("TABLE", "orders");
    }

    @Test
    void aVariableWithTheSameValueInTwoFunctionsIsSet() {
        environment.claim("a", Map.of("STAGE", "dev"), Map.of());
        environment.claim("b", Map.of("STAGE", "dev"), Map.of());

        assertThat(process).containsEntry("STAGE", "dev");
    }

    @Test
    void theProcesssOwnVariablesAreNeverChanged() {
        SharedEnvironment.Claim claim = environment.claim("a", Map.of("PATH", "/opt/fn/bin"), Map.of());
        assertThat(process).containsEntry("PATH", "/usr/bin");

        claim.close();
        assertThat(process).containsEntry("PATH", "/usr/bin");
    }

    @Test
    void lambdasOwnVariablesAreSetForASingleFunctionAndLeftUnsetForSeveral() {
        environment.claim("a", Map.of(), Map.of("AWS_LAMBDA_FUNCTION_NAME", "a"));
        assertThat(process).containsEntry("AWS_LAMBDA_FUNCTION_NAME", "a");

        environment.claim("b", Map.of(), Map.of("AWS_LAMBDA_FUNCTION_NAME", "b"));
        assertThat(process).doesNotContainKey("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Test
    void withoutAWritableEnvironmentFunctionsStillLoad() {
        SharedEnvironment readOnly = new SharedEnvironment(Map.of(), null);

        SharedEnvironment.Claim claim = readOnly.claim("a", Map.of("TABLE", "orders"), Map.of());
        claim.close();

        assertThat(readOnly.writable()).isFalse();
    }
}
