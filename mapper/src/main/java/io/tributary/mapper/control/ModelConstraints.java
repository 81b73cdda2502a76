package io.tributary.mapper.control;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The constraints the Lambda API model declares on request members (min/max, lengths, enums, patterns), checked the way
 * AWS's request framework checks them: before any of the operation's own rules, all violations at once, reported as a
 * {@code ValidationException} worded {@code 1 validation error detected: Value '0' at 'batchSize' failed to satisfy
 * constraint: Member must have value greater than or equal to 1}.
 *
 * <p>The type and wording follow AWS's recorded responses: the enum case for {@code startingPosition} is in the spec
 * (§1.5, [R]); Lambda's range errors ({@code Value '1200' at 'timeout' … less than or equal to 900}) come back with
 * error code {@code ValidationException} in CloudFormation reports of the real service.
 */
final class ModelConstraints {

    /** The model's pattern for {@code EventSourceArn} (API reference, CreateEventSourceMapping). */
    static final Pattern EVENT_SOURCE_ARN = Pattern.compile(
            "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");

    static final List<String> STARTING_POSITIONS = List.of("LATEST", "AT_TIMESTAMP", "TRIM_HORIZON");
    static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    private final List<String> violations = new ArrayList<>();

    private ModelConstraints() {}

    /** CreateEventSourceMapping's modelled constraints. */
    static void checkCreate(MappingRequest request) {
        ModelConstraints c = new ModelConstraints();
        c.required("functionName", request.functionName());
        c.length("functionName", request.functionName(), 1, 256);
        if (request.eventSourceArn() != null
                && !EVENT_SOURCE_ARN.matcher(request.eventSourceArn()).matches()) {
            c.violation(
                    request.eventSourceArn(),
                    "eventSourceArn",
                    "Member must satisfy regular expression pattern: " + EVENT_SOURCE_ARN.pattern());
        }
        if (request.startingPosition() != null && !STARTING_POSITIONS.contains(request.startingPosition())) {
            c.violation(
                    request.startingPosition(),
                    "startingPosition",
                    "Member must satisfy enum value set: [" + String.join(", ", STARTING_POSITIONS) + "]");
        }
        c.common(request);
        c.throwIfViolated();
    }

    /** UpdateEventSourceMapping's modelled constraints (the UUID comes from the path). */
    static void checkUpdate(MappingRequest request) {
        ModelConstraints c = new ModelConstraints();
        c.length("functionName", request.functionName(), 1, 256);
        c.common(request);
        c.throwIfViolated();
    }

    /** ListEventSourceMappings: {@code MaxItems} is 1..10000. */
    static void checkList(Integer maxItems) {
        ModelConstraints c = new ModelConstraints();
        c.range("maxItems", maxItems, 1, 10000);
        c.throwIfViolated();
    }

    private void common(MappingRequest r) {
        range("batchSize", r.batchSize(), 1, 10000);
        range("maximumBatchingWindowInSeconds", r.maximumBatchingWindowInSeconds(), 0, 300);
        range("parallelizationFactor", r.parallelizationFactor(), 1, 10);
        range("maximumRecordAgeInSeconds", r.maximumRecordAgeInSeconds(), -1, 604800);
        range("maximumRetryAttempts", r.maximumRetryAttempts(), -1, 10000);
        range("tumblingWindowInSeconds", r.tumblingWindowInSeconds(), 0, 900);
        range("scalingConfig.maximumConcurrency", r.maximumConcurrency(), 2, 1000);
        length("destinationConfig.onFailure.destination", r.onFailureDestination(), 0, 350);
        length("destinationConfig.onSuccess.destination", r.onSuccessDestination(), 0, 350);
        List<String> types = r.functionResponseTypes();
        if (types != null) {
            if (types.size() > 1) {
                violation(
                        "[" + String.join(", ", types) + "]",
                        "functionResponseTypes",
                        "Member must have length less than or equal to 1");
            } else if (!types.isEmpty() && !REPORT_BATCH_ITEM_FAILURES.equals(types.get(0))) {
                violation(
                        "[" + types.get(0) + "]",
                        "functionResponseTypes",
                        "Member must satisfy constraint: [Member must satisfy enum value set: ["
                                + REPORT_BATCH_ITEM_FAILURES + "]]");
            }
        }
        List<String> patterns = r.filterCriteria();
        if (patterns != null) {
            for (int i = 0; i < patterns.size(); i++) {
                // Coral numbers list members from 1 in its paths.
                length("filterCriteria.filters." + (i + 1) + ".member.pattern", patterns.get(i), 0, 4096);
            }
        }
    }

    private void required(String member, Object value) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
    }

    private void range(String member, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            violation(value, member, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            violation(value, member, "Member must have value less than or equal to " + max);
        }
    }

    private void length(String member, String value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value.length() < min) {
            violation(value, member, "Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            violation(value, member, "Member must have length less than or equal to " + max);
        }
    }

    private void violation(Object value, String member, String constraint) {
        violations.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    private void throwIfViolated() {
        if (violations.isEmpty()) {
            return;
        }
        String count = violations.size() == 1
                ? "1 validation error detected: "
                : violations.size() + " validation errors detected: ";
        throw EsmException.validation(count + String.join("; ", violations));
    }
}
