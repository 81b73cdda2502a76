package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

class SqsDeleterTest {

    @Test
    void aBatchEntryWithAnInvalidOrExpiredReceiptHandleIsStaleAndOtherFailuresAreNot() {
        assertThat(SqsDeleter.isStaleReceiptHandle(entry("ReceiptHandleIsInvalid", "The receipt handle is not valid.")))
                .isTrue();
        assertThat(SqsDeleter.isStaleReceiptHandle(entry(
                        "InvalidParameterValue",
                        "Value x for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.")))
                .isTrue();
        assertThat(SqsDeleter.isStaleReceiptHandle(entry("InternalError", "We encountered an internal error.")))
                .isFalse();
        assertThat(SqsDeleter.isStaleReceiptHandle(entry("InvalidParameterValue", "Id is not unique")))
                .isFalse();
    }

    private static BatchResultErrorEntry entry(String code, String message) {
        return BatchResultErrorEntry.builder()
                .id("0")
                .code(code)
                .message(message)
                .senderFault(true)
                .build();
    }
}
