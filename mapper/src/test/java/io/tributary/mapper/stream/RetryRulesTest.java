package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Outcome.Failed ERROR = new Outcome.Failed("Unhandled", "boom");

    private static Chunk chunk(int n) {
        List<ShardRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(ShardRecord.of(
                    new StreamRecord(BigInteger.valueOf(100 + i).toString(), "pk", T0, Payload.utf8("{}"))));
        }
        return Chunk.of(records).invoked();
    }

    private static RetryRules rules(TestSettings settings) {
        return new RetryRules(settings.build());
    }

    @Test
    void success_is_done() {
        assertThat(rules(TestSettings.defaults()).decide(chunk(3), new Outcome.Succeeded(), T0))
                .isInstanceOf(RetryRules.Step.Done.class);
    }

    @Test
    void a_failure_is_retried_with_a_doubling_backoff_forever_by_default() {
        RetryRules rules = rules(TestSettings.defaults());
        Chunk c = chunk(2);
        for (int retry = 1; retry <= 10; retry++) {
            var step = (RetryRules.Step.Continue) rules.decide(c, ERROR, T0);
            c = step.next().get(0).invoked();
            assertThat(step.delay()).isEqualTo(RetryRules.backoff(retry));
            assertThat(c.retries()).isEqualTo(retry);
        }
        assertThat(RetryRules.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryRules.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryRules.backoff(30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void maximum_retry_attempts_gives_up_once_the_retries_are_used() {
        RetryRules rules = rules(TestSettings.defaults().maxRetries(1));
        var first = (RetryRules.Step.Continue) rules.decide(chunk(2), ERROR, T0);
        var second = rules.decide(first.next().get(0).invoked(), ERROR, T0);

        assertThat(second).isInstanceOf(RetryRules.Step.GiveUp.class);
        var giveUp = (RetryRules.Step.GiveUp) second;
        assertThat(giveUp.condition()).isEqualTo(RetryRules.Condition.RetryAttemptsExhausted);
        assertThat(giveUp.failed().invocations()).isEqualTo(2);
    }

    @Test
    void record_age_wins_over_retries() {
        RetryRules rules = rules(TestSettings.defaults().maxAge(Duration.ofSeconds(60)));
        var step = (RetryRules.Step.GiveUp) rules.decide(chunk(1), ERROR, T0.plusSeconds(61));

        assertThat(step.condition()).isEqualTo(RetryRules.Condition.RecordAgeExceeded);
        assertThat(rules.decide(chunk(1), ERROR, T0.plusSeconds(60))).isInstanceOf(RetryRules.Step.Continue.class);
    }

    @Test
    void bisect_splits_in_halves_without_using_a_retry() {
        RetryRules rules = rules(TestSettings.defaults().bisect().maxRetries(0));
        var step = (RetryRules.Step.Continue) rules.decide(chunk(5), ERROR, T0);

        assertThat(step.delay()).isZero();
        assertThat(step.next()).extracting(Chunk::size).containsExactly(3, 2);
        assertThat(step.next()).allSatisfy(c -> assertThat(c.retries()).isZero());
        assertThat(step.next()).allSatisfy(c -> assertThat(c.invocations()).isEqualTo(1));
        assertThat(rules.decide(chunk(1), ERROR, T0)).isInstanceOf(RetryRules.Step.GiveUp.class);
    }

    @Test
    void a_partial_response_completes_the_head_and_retries_the_rest() {
        RetryRules rules = rules(TestSettings.defaults());
        var step = (RetryRules.Step.Continue) rules.decide(chunk(5), new Outcome.PartiallyFailed(2), T0);

        assertThat(step.succeeded()).isEqualTo(2);
        assertThat(step.next().get(0).first().sequenceNumber()).isEqualTo("102");
        assertThat(step.next().get(0).retries()).isEqualTo(1);
    }

    @Test
    void a_partial_response_with_bisect_is_a_split_not_a_retry() {
        RetryRules rules = rules(TestSettings.defaults().bisect().maxRetries(0));
        var step = (RetryRules.Step.Continue) rules.decide(chunk(5), new Outcome.PartiallyFailed(3), T0);

        assertThat(step.succeeded()).isEqualTo(3);
        assertThat(step.delay()).isZero();
        assertThat(step.next().get(0).size()).isEqualTo(2);
        assertThat(step.next().get(0).retries()).isZero();
    }

    @Test
    void a_partial_response_failing_the_first_record_is_a_whole_failure() {
        RetryRules rules = rules(TestSettings.defaults().maxRetries(0));
        var step = (RetryRules.Step.GiveUp) rules.decide(chunk(3), new Outcome.PartiallyFailed(0), T0);

        assertThat(step.succeeded()).isZero();
        assertThat(step.failed().size()).isEqualTo(3);
    }

    @Test
    void throttles_retry_without_counting_until_the_record_age() {
        RetryRules rules = rules(TestSettings.defaults().maxRetries(0).maxAge(Duration.ofSeconds(60)));
        Chunk c = Chunk.of(chunk(1).records());
        var step = (RetryRules.Step.Continue) rules.decide(c, new Outcome.Throttled("limit"), T0);

        assertThat(step.next().get(0).retries()).isZero();
        assertThat(step.next().get(0).invocations()).isZero();
        assertThat(((RetryRules.Step.GiveUp) rules.decide(c, new Outcome.Throttled("limit"), T0.plusSeconds(61)))
                        .condition())
                .isEqualTo(RetryRules.Condition.RecordAgeExceeded);
    }
}
