package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsAdminTest {

    @Test
    void deadLetterQueuesAreCreatedBeforeTheQueuesThatNameThem() {
        // given: a chain main -> dlq -> last-resort, declared in the worst order
        var main = new QueueSpec("main", Map.of("RedrivePolicy", redrive("dlq")));
        var dlq = new QueueSpec("dlq", Map.of("RedrivePolicy", redrive("last-resort")));
        var lastResort = new QueueSpec("last-resort");
        var unrelated = new QueueSpec("other");

        // when
        List<List<QueueSpec>> waves = SqsAdmin.waves(List.of(main, dlq, unrelated, lastResort));

        // then: independent queues share a wave (created in parallel), each target comes a wave earlier
        assertThat(waves).containsExactly(List.of(unrelated, lastResort), List.of(dlq), List.of(main));
    }

    @Test
    void aCycleOfRedrivePoliciesIsLeftForSqsToReport() {
        var a = new QueueSpec("a", Map.of("RedrivePolicy", redrive("b")));
        var b = new QueueSpec("b", Map.of("RedrivePolicy", redrive("a")));

        assertThat(SqsAdmin.waves(List.of(a, b))).containsExactly(List.of(a, b));
    }

    @Test
    void aQueueNamingItselfAsDeadLetterQueueDoesNotWaitForItself() {
        var self = new QueueSpec("self", Map.of("RedrivePolicy", redrive("self")));
        var other = new QueueSpec("other", Map.of("RedrivePolicy", redrive("self")));

        assertThat(SqsAdmin.waves(List.of(other, self))).containsExactly(List.of(self), List.of(other));
    }

    @Test
    void redrivePoliciesCompareAsJsonWhateverTheNumberTypeAndKeyOrder() {
        assertThat(QueueAttributeCheck.sameValue(
                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\",\"maxReceiveCount\":5}",
                        "{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\"}"))
                .isTrue();
        assertThat(QueueAttributeCheck.sameValue("{\"maxReceiveCount\":5}", "{\"maxReceiveCount\":6}"))
                .isFalse();
        assertThat(QueueAttributeCheck.sameValue("30", "30")).isTrue();
        assertThat(QueueAttributeCheck.sameValue("30", "45")).isFalse();
        assertThat(QueueAttributeCheck.sameValue("true", null)).isFalse();
    }

    private static String redrive(String target) {
        return "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:" + target + "\",\"maxReceiveCount\":2}";
    }
}
