package io.tributary.mapper.control;

import static io.tributary.mapper.control.RequestBuilder.request;
import static io.tributary.mapper.control.RequestBuilder.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingService.Page;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.FakeQueueConnector;
import io.tributary.mapper.testing.InMemoryMappingStore;
import io.tributary.mapper.testing.RecordingMappingRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Defaults, states, update semantics, listing and restart of {@link MappingManager}. */
class MappingManagerTest {
    static final String FN = "my-fn";
    static final String FN_ARN = FakeFunctionRegistry.PREFIX + FN;
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    static final String KINESIS = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    final FakeFunctionRegistry functions = new FakeFunctionRegistry().add(FN).add("other-fn");
    final FakeQueueConnector queues = new FakeQueueConnector().add(QUEUE);
    final InMemoryMappingStore store = new InMemoryMappingStore();
    final RecordingMappingRuntime runtime = new RecordingMappingRuntime();
    final ManualClock clock = new ManualClock(T0);
    MappingManager manager;

    @BeforeEach
    void setUp() {
        manager = newManager();
        manager.start();
    }

    MappingManager newManager() {
        StreamLookup kinesis = new StreamLookup() {
            @Override
            public boolean serves(String arn) {
                return arn.startsWith("arn:aws:kinesis:");
            }

            @Override
            public boolean exists(String arn) {
                return true;
            }
        };
        return new MappingManager(
                store, functions, List.of(queues), List.of(kinesis), runtime, clock, "us-east-1", "000000000000");
    }

    @Test
    void sqsCreateAppliesAwsDefaultsAndReportsCreating() {
        EventSourceMapping created = manager.create(request(FN, QUEUE).build());

        assertThat(created.state()).isEqualTo(MappingState.Creating);
        assertThat(created.uuid()).matches("[0-9a-f-]{36}");
        assertThat(created.functionArn()).isEqualTo(FN_ARN);
        assertThat(created.eventSourceArn()).isEqualTo(QUEUE);
        assertThat(created.batchSize()).isEqualTo(10);
        assertThat(created.maximumBatchingWindowInSeconds()).isZero();
        assertThat(created.functionResponseTypes()).isEmpty();
        assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(created.lastProcessingResult()).isNull();
        assertThat(created.filterCriteria()).isNull();
        assertThat(created.maximumConcurrency()).isNull();
        assertThat(created.startingPosition()).isNull();
        assertThat(created.parallelizationFactor()).isNull();
        assertThat(created.lastModified()).isEqualTo(T0);
        assertThat(manager.eventSourceMappingArn(created.uuid()))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());
    }

    @Test
    void createdMappingSettlesToEnabledOnceTheRuntimeApplied() {
        EventSourceMapping created = manager.create(request(FN, QUEUE).build());

        assertThat(runtime.applied).extracting(EventSourceMapping::uuid).containsExactly(created.uuid());
        assertThat(manager.get(created.uuid()).state()).isEqualTo(MappingState.Enabled);
        assertThat(store.stored(created.uuid()).state()).isEqualTo(MappingState.Enabled);
    }

    @Test
    void disabledCreateReportsDisabledAndDoesNotStartPolling() {
        EventSourceMapping created =
                manager.create(request(FN, QUEUE).enabled(false).build());

        assertThat(created.state()).isEqualTo(MappingState.Disabled);
        assertThat(manager.get(created.uuid()).state()).isEqualTo(MappingState.Disabled);
        assertThat(runtime.applied).isEmpty();
    }

    @Test
    void kinesisCreateAppliesStreamDefaults() {
        EventSourceMapping created = manager.create(
                request(FN, KINESIS).startingPosition("TRIM_HORIZON").build());

        assertThat(created.batchSize()).isEqualTo(100);
        assertThat(created.maximumBatchingWindowInSeconds()).isZero();
        assertThat(created.parallelizationFactor()).isEqualTo(1);
        assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(created.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(created.bisectBatchOnFunctionError()).isFalse();
        assertThat(created.tumblingWindowInSeconds()).isZero();
        assertThat(created.startingPosition()).isEqualTo("TRIM_HORIZON");
        assertThat(created.stateTransitionReason()).isEqualTo("User action");
        assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(created.onFailureDestination()).isNull();
    }

    @Test
    void kinesisCreateKeepsEveryGivenMember() {
        Instant at = Instant.parse("2024-04-30T00:00:00.250Z");
        EventSourceMapping created = manager.create(request(FN, KINESIS)
                .startingPosition("AT_TIMESTAMP")
                .startingPositionTimestamp(at)
                .batchSize(500)
                .window(5)
                .parallelizationFactor(4)
                .maximumRecordAge(60)
                .maximumRetryAttempts(3)
                .bisect(true)
                .tumblingWindow(30)
                .responseTypes("ReportBatchItemFailures")
                .onFailure("arn:aws:sqs:us-east-1:000000000000:dlq")
                .build());

        assertThat(created.startingPositionTimestamp()).isEqualTo(at);
        assertThat(created.batchSize()).isEqualTo(500);
        assertThat(created.maximumBatchingWindowInSeconds()).isEqualTo(5);
        assertThat(created.parallelizationFactor()).isEqualTo(4);
        assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(60);
        assertThat(created.maximumRetryAttempts()).isEqualTo(3);
        assertThat(created.bisectBatchOnFunctionError()).isTrue();
        assertThat(created.tumblingWindowInSeconds()).isEqualTo(30);
        assertThat(created.functionResponseTypes()).containsExactly("ReportBatchItemFailures");
        assertThat(created.onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
    }

    @Test
    void functionIsFoundByNameArnQualifiedArnOrPartialArnAndStoredUnqualified() {
        for (String name : List.of(FN, FN_ARN, FN_ARN + ":$LATEST", "000000000000:function:" + FN)) {
            EventSourceMapping m = manager.create(request(name, QUEUE).build());
            assertThat(m.functionArn()).as(name).isEqualTo(FN_ARN);
            manager.delete(m.uuid());
        }
    }

    @Test
    void sqsMappingKeepsFiltersScalingTagsAndResponseTypes() {
        EventSourceMapping created = manager.create(request(FN, QUEUE)
                .filters("{\"body\":{\"kind\":[\"order\"]}}", "{\"body\":{\"kind\":[\"refund\"]}}")
                .maximumConcurrency(5)
                .responseTypes("ReportBatchItemFailures")
                .batchSize(100)
                .window(2)
                .tags(Map.of("team", "payments"))
                .build());

        EventSourceMapping stored = store.stored(created.uuid());
        assertThat(stored.filterCriteria())
                .containsExactly("{\"body\":{\"kind\":[\"order\"]}}", "{\"body\":{\"kind\":[\"refund\"]}}");
        assertThat(stored.maximumConcurrency()).isEqualTo(5);
        assertThat(stored.reportsBatchItemFailures()).isTrue();
        assertThat(stored.tags()).containsEntry("team", "payments");
        assertThat(stored.batchSize()).isEqualTo(100);
    }

    @Test
    void disablingReportsDisablingThenSettlesToDisabled() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();
        clock.advance(Duration.ofMinutes(1));

        EventSourceMapping updated =
                manager.update(uuid, update().enabled(false).build());

        assertThat(updated.state()).isEqualTo(MappingState.Disabling);
        assertThat(updated.lastModified()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(manager.get(uuid).state()).isEqualTo(MappingState.Disabled);
        assertThat(runtime.applied)
                .last()
                .extracting(EventSourceMapping::enabled)
                .isEqualTo(false);
    }

    @Test
    void enablingReportsEnablingThenSettlesToEnabled() {
        String uuid = manager.create(request(FN, QUEUE).enabled(false).build()).uuid();

        EventSourceMapping updated = manager.update(uuid, update().enabled(true).build());

        assertThat(updated.state()).isEqualTo(MappingState.Enabling);
        assertThat(manager.get(uuid).state()).isEqualTo(MappingState.Enabled);
        assertThat(runtime.applied).last().extracting(EventSourceMapping::state).isEqualTo(MappingState.Enabled);
    }

    @Test
    void updateOfOtherMembersReportsUpdatingAndKeepsWhatWasNotGiven() {
        String uuid = manager.create(request(FN, QUEUE)
                        .filters("{\"body\":{\"a\":[1]}}")
                        .maximumConcurrency(3)
                        .build())
                .uuid();

        EventSourceMapping updated = manager.update(uuid, update().batchSize(5).build());

        assertThat(updated.state()).isEqualTo(MappingState.Updating);
        EventSourceMapping settled = manager.get(uuid);
        assertThat(settled.state()).isEqualTo(MappingState.Enabled);
        assertThat(settled.batchSize()).isEqualTo(5);
        assertThat(settled.filterCriteria()).containsExactly("{\"body\":{\"a\":[1]}}");
        assertThat(settled.maximumConcurrency()).isEqualTo(3);
        assertThat(runtime.applied)
                .last()
                .extracting(EventSourceMapping::batchSize)
                .isEqualTo(5);
    }

    @Test
    void updateThatChangesNothingLeavesTheRunningMappingAlone() {
        String uuid = manager.create(request(FN, QUEUE).batchSize(5).build()).uuid();
        int applies = runtime.applied.size();

        EventSourceMapping updated = manager.update(uuid, update().batchSize(5).build());

        assertThat(updated.state()).isEqualTo(MappingState.Updating);
        assertThat(runtime.applied).as("not restarted").hasSize(applies);
        assertThat(manager.get(uuid).state()).isEqualTo(MappingState.Enabled);

        manager.update(uuid, update().batchSize(6).build());
        assertThat(runtime.applied).hasSize(applies + 1);
    }

    @Test
    void emptyFilterCriteriaRemovesTheFilters() {
        String uuid = manager.create(
                        request(FN, QUEUE).filters("{\"body\":{\"a\":[1]}}").build())
                .uuid();

        manager.update(uuid, update().filters().build());

        assertThat(manager.get(uuid).filterCriteria()).isNull();
    }

    @Test
    void updatingTheFunctionMovesTheMapping() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();

        EventSourceMapping updated =
                manager.update(uuid, update().functionName("other-fn").build());

        assertThat(updated.functionArn()).isEqualTo(FakeFunctionRegistry.PREFIX + "other-fn");
        assertThat(manager.list(null, "other-fn", null, null).mappings())
                .extracting(EventSourceMapping::uuid)
                .containsExactly(uuid);
    }

    @Test
    void movingOntoAnExistingMappingConflicts() {
        manager.create(request("other-fn", QUEUE).build());
        String uuid = manager.create(request(FN, QUEUE).enabled(false).build()).uuid();

        assertThatThrownBy(() ->
                        manager.update(uuid, update().functionName("other-fn").build()))
                .isInstanceOfSatisfying(
                        EsmException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void updateStillWorksAfterTheFunctionWasDeleted() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();
        functions.remove(FN);

        EventSourceMapping updated = manager.update(uuid, update().batchSize(3).build());

        assertThat(updated.functionArn()).isEqualTo(FN_ARN);
        assertThat(updated.batchSize()).isEqualTo(3);
    }

    @Test
    void deleteReportsDeletingStopsPollingAndForgetsTheMapping() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();

        EventSourceMapping deleted = manager.delete(uuid);

        assertThat(deleted.state()).isEqualTo(MappingState.Deleting);
        assertThat(runtime.stopped).containsExactly(uuid);
        assertThat(store.loadAll()).isEmpty();
        assertThatThrownBy(() -> manager.get(uuid)).hasMessage("The resource you requested does not exist.");
        // the same function and queue can be mapped again
        manager.create(request(FN, QUEUE).build());
    }

    @Test
    void getAndListShowTheRuntimesLastProcessingResult() {
        String uuid = manager.create(
                        request(FN, KINESIS).startingPosition("LATEST").build())
                .uuid();
        runtime.results.put(uuid, "OK");

        assertThat(manager.get(uuid).lastProcessingResult()).isEqualTo("OK");
        assertThat(manager.list(null, null, null, null).mappings())
                .extracting(EventSourceMapping::lastProcessingResult)
                .containsExactly("OK");
    }

    @Test
    void listFiltersBySourceAndFunctionNameOrArn() {
        String a = manager.create(request(FN, QUEUE).build()).uuid();
        String b = manager.create(request("other-fn", QUEUE).build()).uuid();
        String c = manager.create(
                        request(FN, KINESIS).startingPosition("LATEST").build())
                .uuid();

        assertThat(uuids(manager.list(QUEUE, null, null, null))).containsExactly(a, b);
        assertThat(uuids(manager.list(null, FN, null, null))).containsExactly(a, c);
        assertThat(uuids(manager.list(null, FN_ARN, null, null))).containsExactly(a, c);
        assertThat(uuids(manager.list(KINESIS, FN, null, null))).containsExactly(c);
        assertThat(uuids(manager.list(null, "unknown-fn", null, null))).isEmpty();
    }

    @Test
    void listPagesThroughEveryMappingInCreationOrder() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String arn = QUEUE + i;
            queues.add(arn);
            created.add(manager.create(request(FN, arn).build()).uuid());
        }

        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            Page page = manager.list(null, null, marker, 2);
            assertThat(page.mappings()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(uuids(page));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listReturnsAtMostOneHundredPerPage() {
        for (int i = 0; i < 101; i++) {
            String arn = QUEUE + "-" + i;
            queues.add(arn);
            manager.create(request(FN, arn).enabled(false).build());
        }

        Page first = manager.list(null, null, null, 10000);
        Page second = manager.list(null, null, first.nextMarker(), 10000);

        assertThat(first.mappings()).hasSize(100);
        assertThat(second.mappings()).hasSize(1);
        assertThat(second.nextMarker()).isNull();
    }

    @Test
    void markerStillWorksWhenItsMappingWasDeleted() {
        String a = manager.create(request(FN, QUEUE).build()).uuid();
        String b = manager.create(request("other-fn", QUEUE).build()).uuid();
        Page first = manager.list(null, null, null, 1);
        manager.delete(a);

        assertThat(uuids(manager.list(null, null, first.nextMarker(), 1))).containsExactly(b);
    }

    @Test
    void restartReappliesStoredEnabledMappings() {
        String enabled = manager.create(request(FN, QUEUE).build()).uuid();
        String disabled = manager.create(
                        request("other-fn", QUEUE).enabled(false).build())
                .uuid();
        runtime.applied.clear();

        MappingManager restarted = newManager();
        restarted.start();

        assertThat(runtime.applied).extracting(EventSourceMapping::uuid).containsExactly(enabled);
        assertThat(restarted.get(enabled).state()).isEqualTo(MappingState.Enabled);
        assertThat(restarted.get(disabled).state()).isEqualTo(MappingState.Disabled);
        assertThat(uuids(restarted.list(null, null, null, null))).containsExactly(enabled, disabled);
        assertThatThrownBy(() -> restarted.create(request(FN, QUEUE).build()))
                .isInstanceOfSatisfying(
                        EsmException.class, e -> assertThat(e.type()).isEqualTo("ResourceConflictException"));
    }

    @Test
    void updateWhileCreatingAndDeleteWhileUpdatingAreResourceInUse() throws Exception {
        CountDownLatch applying = runtime.holdNextApply();
        CompletableFuture<EventSourceMapping> creating = CompletableFuture.supplyAsync(
                () -> manager.create(request(FN, QUEUE).build()));
        assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();
        String uuid = runtime.applied.get(0).uuid();

        assertThat(manager.get(uuid).state()).isEqualTo(MappingState.Creating);
        assertThatThrownBy(() -> manager.update(uuid, update().batchSize(5).build()))
                .isInstanceOfSatisfying(EsmException.class, e -> {
                    assertThat(e.type()).isEqualTo("ResourceInUseException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessage("Cannot update the event source mapping because it is in use.");
        runtime.releaseApply();
        assertThat(creating.get(10, TimeUnit.SECONDS).state()).isEqualTo(MappingState.Creating);

        CountDownLatch updating = runtime.holdNextApply();
        CompletableFuture<EventSourceMapping> update = CompletableFuture.supplyAsync(
                () -> manager.update(uuid, update().batchSize(5).build()));
        assertThat(updating.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> manager.delete(uuid))
                .hasMessage("Cannot delete the event source mapping because it is in use.");
        runtime.releaseApply();
        assertThat(update.get(10, TimeUnit.SECONDS).state()).isEqualTo(MappingState.Updating);
        assertThat(manager.delete(uuid).state()).isEqualTo(MappingState.Deleting);
    }

    private static List<String> uuids(Page page) {
        return page.mappings().stream().map(EventSourceMapping::uuid).toList();
    }
}
