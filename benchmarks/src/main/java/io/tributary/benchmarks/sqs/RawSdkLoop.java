package io.tributary.benchmarks.sqs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The ceiling: what a hand-written consumer does with the AWS SDK and nothing else. Each of {@code concurrency}
 * threads loops ReceiveMessage (up to 10, every attribute, as Tributary asks for them to build Lambda's event) then
 * DeleteMessageBatch, on the SDK's default synchronous client.
 */
final class RawSdkLoop implements Drainer {
    private final SqsClient client;

    RawSdkLoop(URI endpoint) {
        this.client = SqsClientsForBench.sync(endpoint, 64);
    }

    @Override
    public String name() {
        return "raw SDK loop";
    }

    @Override
    public long drain(String queueName, String queueUrl, int messages, int concurrency) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(
                    () -> {
                        while (done.get() < messages) {
                            List<Message> received =
                                    client.receiveMessage(receive).messages();
                            if (received.isEmpty()) {
                                continue;
                            }
                            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(received.size());
                            for (int i = 0; i < received.size(); i++) {
                                entries.add(DeleteMessageBatchRequestEntry.builder()
                                        .id(Integer.toString(i))
                                        .receiptHandle(received.get(i).receiptHandle())
                                        .build());
                            }
                            client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                            if (done.addAndGet(received.size()) >= messages) {
                                finished.compareAndSet(0, System.nanoTime());
                            }
                        }
                        ThreadCpu.ending();
                    },
                    "raw-poller-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return finished.get() - start;
    }

    @Override
    public void close() {
        client.close();
    }
}
