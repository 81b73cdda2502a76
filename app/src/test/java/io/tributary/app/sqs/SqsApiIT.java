package io.tributary.app.sqs;

import static io.tributary.app.testing.RecordingFunction.Response.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.app.ServiceOptions;
import io.tributary.app.Tributary;
import io.tributary.app.config.TributaryConfig;
import io.tributary.app.testing.RecordingFunction;
import io.tributary.connectors.sqs.ElasticMqServer;
import io.tributary.connectors.sqs.SqsTestClient;
import io.tributary.connectors.testing.LocalPorts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/**
 * Mappings created through the Lambda API with the real AWS SDK client, against the whole service: filters at work,
 * a function whose handler cannot be loaded, and mappings that survive a restart.
 */
class SqsApiIT {
    @TempDir
    Path dataDir;

    private final ElasticMqServer sqs = ElasticMqServer.start();
    private final SqsTestClient client = new SqsTestClient(sqs);
    private final RecordingFunction function = RecordingFunction.start(event -> ok());
    private Tributary tributary;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        startService();
    }

    @AfterEach
    void stop() {
        lambda.close();
        tributary.close();
        function.close();
        client.close();
        sqs.close();
    }

    private void startService() {
        String yaml = "Sqs:\n"
                + "  Endpoint: " + sqs.endpoint() + "\n"
                + "  AccessKeyId: x\n"
                + "  SecretAccessKey: x\n"
                + "  Queues:\n"
                // The restart test stops the service, which cancels its long polls (it does not wait up to 20 s for
                // them); this ElasticMQ keeps serving them, so a message sent right after the restart may go to one
                // and reappear only after this visibility timeout (docs/sqs.md, "Shutting down"). Updating,
                // disabling and deleting a mapping need no such workaround: see the "updated" queue.
                + "    - QueueName: orders\n"
                + "      Attributes: { VisibilityTimeout: \"3\" }\n"
                + "    - QueueName: updated\n"
                + "    - QueueName: broken\n"
                + "    - QueueName: short\n"
                + "      Attributes: { VisibilityTimeout: \"1\" }\n"
                + "Functions:\n"
                + "  - FunctionName: recorder\n"
                + "    Executor: { Type: http, Url: \"" + function.url() + "\" }\n"
                + "  - FunctionName: broken\n"
                + "    Executor: { Type: java, Handler: com.example.DoesNotExist }\n";
        tributary = Tributary.start(
                TributaryConfig.parse(yaml, "test.yaml"),
                new ServiceOptions(Optional.empty(), LocalPorts.free(), dataDir));
        lambda = LambdaClient.builder()
                .endpointOverride(tributary.endpoints().api())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    private String url(String queue) {
        return client.sdk().getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    @Test
    void filtered_out_messages_are_deleted_without_an_invocation_and_counted() throws Exception {
        String pattern = "{\"body\":{\"kind\":[\"order\"]}}";
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(r -> r.functionName("recorder")
                .eventSourceArn(sqs.queueArn("orders"))
                .filterCriteria(f -> f.filters(Filter.builder().pattern(pattern).build())));
        assertThat(created.state()).isEqualTo("Creating");

        client.send(url("orders"), "{\"kind\":\"order\",\"n\":1}");
        client.send(url("orders"), "{\"kind\":\"noise\"}");
        client.send(url("orders"), "plain text, not JSON");
        client.send(url("orders"), "{\"kind\":\"order\",\"n\":2}");

        await().atMost(Duration.ofSeconds(20)).until(() -> client.messagesInQueue(url("orders")) == 0);
        assertThat(function.bodies())
                .containsExactlyInAnyOrder("{\"kind\":\"order\",\"n\":1}", "{\"kind\":\"order\",\"n\":2}");
        GetEventSourceMappingResponse got = lambda.getEventSourceMapping(r -> r.uuid(created.uuid()));
        assertThat(got.state()).isEqualTo("Enabled");
        assertThat(got.filterCriteria().filters()).extracting(Filter::pattern).containsExactly(pattern);
        assertThat(got.lastProcessingResult()).isEqualTo("OK");
        assertThat(metricsPage())
                .contains("tributary_filtered_out_event_count_total{uuid=\"" + created.uuid() + "\"} 2")
                .contains("tributary_invoked_event_count_total{uuid=\"" + created.uuid() + "\"} 2");
    }

    private String metricsPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(tributary.endpoints().api().resolve("/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void a_function_that_cannot_be_loaded_stops_its_mapping_from_polling_and_says_why() {
        String uuid = lambda.createEventSourceMapping(
                        r -> r.functionName("broken").eventSourceArn(sqs.queueArn("broken")))
                .uuid();
        client.send(url("broken"), "kept");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> lambda.getEventSourceMapping(r -> r.uuid(uuid)).lastProcessingResult() != null);
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).lastProcessingResult())
                .startsWith("PROBLEM: Function call failed: ")
                .contains("com.example.DoesNotExist");
        assertThat(client.queueAttributes(url("broken")))
                .as("the message was never received")
                .containsEntry("ApproximateNumberOfMessages", "1")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void create_checks_the_real_queue_with_awss_messages() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName("recorder").eventSourceArn(sqs.queueArn("missing"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Error occurred while ReceiveMessage. SQS Error Code:"
                        + " AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not"
                        + " exist.");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName("recorder").eventSourceArn(sqs.queueArn("short"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Queue visibility timeout: 1 seconds is less than Function timeout: 3 seconds");
    }

    @Test
    void mappings_created_through_the_api_survive_a_restart_and_resume_polling() {
        String uuid = lambda.createEventSourceMapping(r -> r.functionName("recorder")
                        .eventSourceArn(sqs.queueArn("orders"))
                        .batchSize(5))
                .uuid();
        client.send(url("orders"), "before");
        await().atMost(Duration.ofSeconds(20)).until(() -> function.bodies().contains("before"));

        lambda.close();
        tributary.close();
        startService();

        assertThat(lambda.listEventSourceMappings().eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid, EventSourceMappingConfiguration::batchSize)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(uuid, 5));
        client.send(url("orders"), "after");
        await().atMost(Duration.ofSeconds(20)).until(() -> function.bodies().contains("after"));
        // The delete follows the function's answer: wait for it rather than race it.
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messagesInQueue(url("orders")) == 0);
    }

    @Test
    void a_message_sent_right_after_an_update_is_delivered_at_once_though_the_old_runner_was_long_polling() {
        // given: a mapping on a queue with the default 30 s visibility timeout, long-polling again after a message
        String uuid = lambda.createEventSourceMapping(
                        r -> r.functionName("recorder").eventSourceArn(sqs.queueArn("updated")))
                .uuid();
        client.send(url("updated"), "first");
        await().atMost(Duration.ofSeconds(20)).until(() -> function.bodies().contains("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messagesInQueue(url("updated")) == 0);

        // when: it is updated (its runner is replaced) and a message is sent right after
        lambda.updateEventSourceMapping(r -> r.uuid(uuid).batchSize(5));
        client.send(url("updated"), "second");

        // then: whichever long poll got it, the old runner's or the new one's, it is processed within seconds, not
        // after the 30 s visibility timeout
        await().atMost(Duration.ofSeconds(8)).until(() -> function.bodies().contains("second"));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messagesInQueue(url("updated")) == 0);
    }
}
