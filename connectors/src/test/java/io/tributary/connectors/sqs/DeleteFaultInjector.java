package io.tributary.connectors.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Counts DeleteMessageBatch calls against the real server and, for the first {@code failingCalls} calls, makes entry
 * {@code "0"} fail as SQS does on an internal error: the entry is not sent (so the message really stays) and the
 * response reports it failed with {@code InternalError}.
 */
final class DeleteFaultInjector implements ExecutionInterceptor {
    final AtomicInteger deleteCalls = new AtomicInteger();
    final List<Integer> entriesPerCall = new ArrayList<>();
    private final AtomicInteger failuresLeft;

    DeleteFaultInjector(int failingCalls) {
        this.failuresLeft = new AtomicInteger(failingCalls);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof DeleteMessageBatchRequest request)) {
            return context.request();
        }
        deleteCalls.incrementAndGet();
        synchronized (entriesPerCall) {
            entriesPerCall.add(request.entries().size());
        }
        if (failuresLeft.getAndDecrement() <= 0) {
            return request;
        }
        attributes.putAttribute(DROPPED, Boolean.TRUE);
        return request.toBuilder()
                .entries(request.entries().stream()
                        .filter(e -> !e.id().equals("0"))
                        .toList())
                .build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DeleteMessageBatchResponse response)
                || attributes.getAttribute(DROPPED) == null) {
            return context.response();
        }
        List<BatchResultErrorEntry> failed = new ArrayList<>(response.failed());
        failed.add(BatchResultErrorEntry.builder()
                .id("0")
                .code("InternalError")
                .message("We encountered an internal error. Please try again.")
                .senderFault(false)
                .build());
        return response.toBuilder().failed(failed).build();
    }

    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> DROPPED =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("tributary.test.dropped");
}
