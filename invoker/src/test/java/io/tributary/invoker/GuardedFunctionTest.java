package io.tributary.invoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.api.Invocation;
import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedFunctionTest {
    private final TimeoutTimer timer = new TimeoutTimer();

    @AfterEach
    void stopTimer() {
        timer.close();
    }

    @Test
    void anExceptionThrownByTheExecutorBecomesALambdaShapedFunctionError() {
        // given
        GuardedFunction function = guarded(config(OptionalInt.empty(), Duration.ofSeconds(3)), invocation -> {
            throw new IllegalStateException("executor bug");
        });

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("executor bug");
        assertThat(error.body().utf8())
                .startsWith("{\"errorMessage\":\"executor bug\",\"errorType\":\"java.lang.IllegalStateException\","
                        + "\"stackTrace\":[\"");
    }

    @Test
    void anExceptionallyCompletedFutureBecomesAFunctionErrorNotAFailedFuture() {
        // given
        GuardedFunction function = guarded(
                config(OptionalInt.empty(), Duration.ofSeconds(3)),
                invocation -> CompletableFuture.failedFuture(new java.io.IOException("pipe closed")));

        // when
        CompletableFuture<InvocationResult> future = function.invoke("req-1", Payload.utf8("{}"));

        // then
        assertThat(future).isCompleted();
        assertThat(future.join()).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.io.IOException");
            assertThat(error.errorMessage()).isEqualTo("pipe closed");
        });
    }

    @Test
    void aFunctionRunningPastItsTimeoutEndsWithLambdasTimeoutErrorAndItsLateResultIsIgnored() {
        // given
        PendingExecutor executor = new PendingExecutor();
        GuardedFunction function = guarded(config(OptionalInt.empty(), Duration.ofSeconds(1)), executor);

        // when
        CompletableFuture<InvocationResult> result = function.invoke("9f1a2b3c", Payload.utf8("{}"));
        await().atMost(Duration.ofSeconds(5)).until(result::isDone);
        executor.pending.get(0).complete(new InvocationResult.Success(Payload.utf8("\"too late\"")));

        // then
        assertThat(result.join()).isInstanceOf(InvocationResult.TimedOut.class);
        InvocationResult.TimedOut timedOut = (InvocationResult.TimedOut) result.join();
        assertThat(timedOut.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(timedOut.body().utf8())
                .isEqualTo("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":"
                        + "\"RequestId: 9f1a2b3c Error: Task timed out after 1.00 seconds\"}");
        assertThat(executor.pending.get(0)).isCancelled();
    }

    @Test
    void theDeadlineGivenToTheExecutorIsTheStartPlusTheFunctionTimeout() {
        // given
        PendingExecutor executor = new PendingExecutor();
        GuardedFunction function = guarded(config(OptionalInt.empty(), Duration.ofSeconds(30)), executor);
        long before = System.currentTimeMillis();

        // when
        function.invoke("req-1", Payload.utf8("{}"));

        // then
        long deadline = executor.invocations.get(0).deadline().toEpochMilli();
        assertThat(deadline).isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
        executor.pending.get(0).complete(new InvocationResult.Success(Payload.empty()));
    }

    @Test
    void onlyReservedConcurrencyInvocationsRunAtOnceAndTheNextOneIsThrottledAtOnce() {
        // given two invocations in flight, with ReservedConcurrentExecutions 2
        PendingExecutor executor = new PendingExecutor();
        GuardedFunction function = guarded(config(OptionalInt.of(2), Duration.ofSeconds(30)), executor);
        List<CompletableFuture<InvocationResult>> results = new ArrayList<>();
        results.add(function.invoke("req-1", Payload.utf8("{}")));
        results.add(function.invoke("req-2", Payload.utf8("{}")));

        // when a third arrives
        CompletableFuture<InvocationResult> third = function.invoke("req-3", Payload.utf8("{}"));

        // then it is throttled without running, and the two others still run
        assertThat(third)
                .isCompletedWithValue(
                        new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(executor.invocations).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r).isNotDone());

        // and once one finishes, the next invocation runs
        executor.pending.get(0).complete(new InvocationResult.Success(Payload.utf8("1")));
        CompletableFuture<InvocationResult> fourth = function.invoke("req-4", Payload.utf8("{}"));
        assertThat(fourth).isNotDone();
        assertThat(executor.invocations).hasSize(3);
    }

    @Test
    void reservedConcurrencyZeroThrottlesEveryInvocation() {
        // given
        PendingExecutor executor = new PendingExecutor();
        GuardedFunction function = guarded(config(OptionalInt.of(0), Duration.ofSeconds(3)), executor);

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result)
                .isEqualTo(new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(executor.invocations).isEmpty();
    }

    @Test
    void aTimedOutInvocationGivesItsReservedConcurrencyBack() {
        // given
        PendingExecutor executor = new PendingExecutor();
        GuardedFunction function = guarded(config(OptionalInt.of(1), Duration.ofSeconds(1)), executor);
        CompletableFuture<InvocationResult> first = function.invoke("req-1", Payload.utf8("{}"));

        // when
        await().atMost(Duration.ofSeconds(5)).until(first::isDone);
        CompletableFuture<InvocationResult> second = function.invoke("req-2", Payload.utf8("{}"));

        // then
        assertThat(first.join()).isInstanceOf(InvocationResult.TimedOut.class);
        assertThat(second).isNotDone();
        assertThat(executor.invocations).hasSize(2);
        executor.pending.get(1).complete(new InvocationResult.Success(Payload.empty()));
    }

    @Test
    void aResponseOverSixMegabytesIsLambdasResponseSizeError() {
        // given
        byte[] big = new byte[6 * 1024 * 1024 + 101];
        GuardedFunction function = guarded(
                config(OptionalInt.empty(), Duration.ofSeconds(3)),
                invocation -> CompletableFuture.completedFuture(new InvocationResult.Success(Payload.wrap(big))));

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result)
                .isEqualTo(new InvocationResult.FunctionError(
                        "Function.ResponseSizeTooLarge",
                        "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                        Payload.utf8("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size "
                                + "(6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}")));
    }

    @Test
    void aSuccessfulResultPassesThroughUnchanged() {
        // given
        GuardedFunction function = guarded(
                config(OptionalInt.of(1), Duration.ofSeconds(3)),
                invocation -> CompletableFuture.completedFuture(new InvocationResult.Success(invocation.event())));

        // when
        InvocationResult first =
                function.invoke("req-1", Payload.utf8("{\"a\":1}")).join();
        InvocationResult second =
                function.invoke("req-2", Payload.utf8("{\"a\":2}")).join();

        // then: the reserved slot was released after the first
        assertThat(first).isEqualTo(new InvocationResult.Success(Payload.utf8("{\"a\":1}")));
        assertThat(second).isEqualTo(new InvocationResult.Success(Payload.utf8("{\"a\":2}")));
    }

    private GuardedFunction guarded(FunctionConfig config, FunctionExecutor executor) {
        return new GuardedFunction(config, executor, Optional.empty(), timer);
    }

    private static FunctionConfig config(OptionalInt reserved, Duration timeout) {
        return TestFunctions.function("guarded", timeout, Map.of(), reserved, "fake", Map.of());
    }

    /** A fake executor whose invocations stay pending until the test completes them. */
    private static final class PendingExecutor implements FunctionExecutor {
        final List<Invocation> invocations = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<InvocationResult>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<InvocationResult> invoke(Invocation invocation) {
            invocations.add(invocation);
            CompletableFuture<InvocationResult> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }
    }
}
