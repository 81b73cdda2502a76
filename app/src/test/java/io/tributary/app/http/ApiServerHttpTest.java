package io.tributary.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingService;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.FakeQueueConnector;
import io.tributary.mapper.testing.InMemoryMappingStore;
import io.tributary.mapper.testing.RecordingMappingRuntime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw HTTP against {@link ApiServer}: wire shapes, malformed bodies and unknown routes. */
class ApiServerHttpTest {
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    static final String PATH = "/2015-03-31/event-source-mappings";

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    ApiServer server;

    @BeforeEach
    void start() {
        start(new MappingManager(
                new InMemoryMappingStore(),
                new FakeFunctionRegistry().add("fn"),
                List.of(new FakeQueueConnector().add(QUEUE)),
                new RecordingMappingRuntime(),
                Clock.fixed(Instant.parse("2024-05-01T10:00:00.351Z"), ZoneOffset.UTC),
                "us-east-1",
                "000000000000"));
    }

    void start(MappingService service) {
        if (server != null) {
            server.stop();
        }
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), service);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertError(HttpResponse<String> response, int status, String type, String messageMember, String message)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("Type").asText()).isEqualTo("User");
        if (message != null) {
            assertThat(body.get(messageMember).asText()).isEqualTo(message);
        } else {
            assertThat(body.has(messageMember)).isTrue();
        }
        assertThat(response.body()).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void createAnswersWithAwsShapedJsonAndNoNulls() throws Exception {
        HttpResponse<String> response =
                send("POST", PATH + "/", "{\"FunctionName\":\"fn\",\"EventSourceArn\":\"" + QUEUE + "\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"LastModified\":1714557600.351").doesNotContain("null");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("State").asText()).isEqualTo("Creating");
        assertThat(body.get("FunctionResponseTypes").isArray()).isTrue();
        assertThat(body.has("ScalingConfig")).isFalse();
        assertThat(body.has("DestinationConfig")).isFalse();
        assertThat(body.has("LastProcessingResult")).isFalse();
        assertThat(body.has("FilterCriteria")).isFalse();
    }

    @Test
    void listWithoutMappingsIsAnEmptyList() throws Exception {
        HttpResponse<String> response = send("GET", PATH + "?MaxItems=5", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"EventSourceMappings\":[]}");
    }

    @Test
    void bodyThatDoesNotParseIsASerializationException() throws Exception {
        assertError(send("POST", PATH, "{\"FunctionName\":"), 400, "SerializationException", "message", null);
        assertError(send("POST", PATH, "not json at all"), 400, "SerializationException", "message", null);
        assertError(send("POST", PATH, "{} {}"), 400, "SerializationException", "message", null);
        assertError(
                send("POST", PATH, "[1]"),
                400,
                "SerializationException",
                "message",
                "Start of list found where not expected");
    }

    @Test
    void memberOfTheWrongTypeIsASerializationException() throws Exception {
        assertError(
                send(
                        "POST",
                        PATH,
                        "{\"FunctionName\":\"fn\",\"EventSourceArn\":\"" + QUEUE + "\",\"BatchSize\":\"ten\"}"),
                400,
                "SerializationException",
                "message",
                "STRING_VALUE can not be converted to an Integer");
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"Enabled\":\"yes\"}"),
                400,
                "SerializationException",
                "message",
                "STRING_VALUE can not be converted to a Boolean");
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"FilterCriteria\":5}"),
                400,
                "SerializationException",
                "message",
                "NUMBER_VALUE can not be converted to a Structure");
        assertError(
                send("POST", PATH, "{\"FunctionName\":{\"a\":1}}"),
                400,
                "SerializationException",
                "message",
                "Start of structure or map found where not expected.");
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"BatchSize\":1.5}"),
                400,
                "SerializationException",
                "message",
                "NUMBER_VALUE can not be converted to an Integer");
    }

    @Test
    void unknownMemberIsASerializationException() throws Exception {
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"Batchsize\":5}"),
                400,
                "SerializationException",
                "message",
                "Unknown member Batchsize (members are case-sensitive; see docs/api.md)");
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"FilterCriteria\":{\"Filters\":[{\"Patern\":\"{}\"}]}}"),
                400,
                "SerializationException",
                "message",
                "Unknown member FilterCriteria.Filters[].Patern (members are case-sensitive; see docs/api.md)");
    }

    @Test
    void createOnlyMemberOnUpdateIsUnknown() throws Exception {
        assertError(
                send("PUT", PATH + "/some-uuid", "{\"EventSourceArn\":\"" + QUEUE + "\"}"),
                400,
                "SerializationException",
                "message",
                "Unknown member EventSourceArn (members are case-sensitive; see docs/api.md)");
    }

    @Test
    void awsMemberTributaryDoesNotImplementIsRefusedByName() throws Exception {
        assertError(
                send("POST", PATH, "{\"FunctionName\":\"fn\",\"Topics\":[\"t\"]}"),
                400,
                "InvalidParameterValueException",
                "message",
                "Tributary does not support Topics yet.");
    }

    @Test
    void emptyBodyIsAValidationException() throws Exception {
        assertError(
                send("POST", PATH, ""),
                400,
                "ValidationException",
                "message",
                "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must "
                        + "not be null");
    }

    @Test
    void notFoundUsesCapitalMessage() throws Exception {
        assertError(
                send("GET", PATH + "/nope", null),
                404,
                "ResourceNotFoundException",
                "Message",
                "The resource you requested does not exist.");
    }

    @Test
    void unknownPathAndMethodAreJsonErrors() throws Exception {
        assertError(send("GET", "/2015-03-31/functions", null), 404, "UnknownOperationException", "message", null);
        assertError(send("GET", PATH + "/a/b", null), 404, "UnknownOperationException", "message", null);
        HttpResponse<String> patch = send("PATCH", PATH, "{}");
        assertError(patch, 405, "MethodNotAllowedException", "message", null);
        assertThat(patch.headers().firstValue("Allow")).hasValue("GET, POST");
        assertError(send("POST", PATH + "/x", "{}"), 405, "MethodNotAllowedException", "message", null);
    }

    @Test
    void badMaxItemsIsRejected() throws Exception {
        assertError(send("GET", PATH + "?MaxItems=abc", null), 400, "SerializationException", "message", null);
        assertError(send("GET", PATH + "?MaxItems=0", null), 400, "ValidationException", "message", null);
    }

    @Test
    void unexpectedBugIsAServiceExceptionWithoutStackTrace() throws Exception {
        start(new MappingService() {
            @Override
            public EventSourceMapping create(MappingRequest request) {
                throw new IllegalStateException("secret internal detail");
            }

            @Override
            public EventSourceMapping get(String uuid) {
                throw new NullPointerException();
            }

            @Override
            public Page list(String eventSourceArn, String functionName, String marker, Integer maxItems) {
                throw new IllegalStateException();
            }

            @Override
            public EventSourceMapping update(String uuid, MappingRequest request) {
                throw new IllegalStateException();
            }

            @Override
            public EventSourceMapping delete(String uuid) {
                throw new IllegalStateException();
            }
        });

        HttpResponse<String> response = send("POST", PATH, "{\"FunctionName\":\"fn\"}");

        assertError(response, 500, "ServiceException", "Message", null);
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException");
        assertThat(json.readTree(response.body()).get("Message").asText()).startsWith("An internal error occurred");
    }
}
