package io.tributary.mapper.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.Payload;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a function's partial batch response, {@code {"batchItemFailures":[{"itemIdentifier":"<id>"}, ...]}}, with
 * AWS's rules for what counts as full success and what fails the whole batch.
 *
 * <p>Full success: an empty response, {@code null}, {@code {}}, an empty or null {@code batchItemFailures} (and, for
 * streams, a bare {@code ""} or {@code []}). Whole-batch failure: unparsable JSON, an item without a string
 * {@code itemIdentifier}, an empty identifier, or an identifier that is not in the batch. See
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 * and spec §3.1.
 */
public final class PartialBatchResponse {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartialBatchResponse() {}

    /** What a response means for a batch. */
    public sealed interface Outcome {
        /** Every record succeeded. */
        record AllSucceeded() implements Outcome {}

        /** These records failed (in response order, no duplicates); all others succeeded. */
        record SomeFailed(Set<String> failedIds) implements Outcome {
            public SomeFailed {
                failedIds = Set.copyOf(new LinkedHashSet<>(failedIds));
            }
        }

        /** The response cannot be trusted: the whole batch counts as failed. */
        record Invalid(String reason) implements Outcome {}
    }

    /**
     * @param response the function's response payload
     * @param batchIds the record ids of the batch (SQS message ids or stream sequence numbers)
     */
    public static Outcome parse(Payload response, Set<String> batchIds) {
        if (response.isEmpty()) {
            return new Outcome.AllSucceeded();
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.newInputStream());
        } catch (JsonProcessingException e) {
            return new Outcome.Invalid("the function's response is not valid JSON");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Outcome.AllSucceeded();
        }
        if ((root.isTextual() && root.asText().isEmpty()) || (root.isArray() && root.isEmpty())) {
            return new Outcome.AllSucceeded();
        }
        if (!root.isObject()) {
            return new Outcome.Invalid("the function's response is not a JSON object");
        }
        JsonNode failures = root.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new Outcome.AllSucceeded();
        }
        if (!failures.isArray()) {
            return new Outcome.Invalid("batchItemFailures is not a list");
        }
        if (failures.isEmpty()) {
            return new Outcome.AllSucceeded();
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode item : failures) {
            JsonNode id = item.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new Outcome.Invalid("a batchItemFailures entry has no itemIdentifier string: " + item);
            }
            if (!batchIds.contains(id.asText())) {
                return new Outcome.Invalid("itemIdentifier " + id.asText() + " is not in the batch");
            }
            failed.add(id.asText());
        }
        return new Outcome.SomeFailed(failed);
    }
}
