package io.tributary.mapper.testing;

import io.tributary.api.Payload;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A queue with SQS's visibility semantics on a manual clock: received messages are hidden for the visibility
 * timeout and come back unless deleted; FIFO queues hand out a group only while none of its messages is hidden.
 * Long polls wait on the {@link ManualScheduler}. Like SQS (and ElasticMQ), a long poll whose future was cancelled
 * still takes the messages that arrive while it waits: they stay hidden for the visibility timeout.
 */
public final class InMemoryQueueSource implements QueueSource {
    private final QueueDescription description;
    private final ManualScheduler scheduler;
    private final Clock clock;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<Pending> waiting = new ArrayList<>();
    private final List<List<String>> deleteCalls = new ArrayList<>();
    private final List<List<String>> releaseCalls = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> heldDeletes = new ArrayList<>();
    private boolean holdDeletes;
    private boolean closed;
    private int receiveCalls;
    private int nextId;

    public InMemoryQueueSource(boolean fifo, Duration visibilityTimeout, ManualScheduler scheduler) {
        this.description = new QueueDescription(
                "arn:aws:sqs:us-east-1:000000000000:q" + (fifo ? ".fifo" : ""),
                "http://localhost/q",
                fifo,
                visibilityTimeout);
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
    }

    /** Sends a message with the given body (and message group on FIFO queues); returns its id. */
    public synchronized String send(String body, String group) {
        String id = "m" + (nextId++);
        messages.put(id, new Message(id, body, group));
        wakeUp();
        return id;
    }

    public String send(String body) {
        return send(body, null);
    }

    @Override
    public QueueDescription description() {
        return description;
    }

    @Override
    public synchronized CompletableFuture<List<SourceRecord>> receive(int maxMessages, Duration waitTime) {
        receiveCalls++;
        calls.add("receive");
        List<SourceRecord> now = take(maxMessages);
        if (!now.isEmpty() || waitTime.isZero()) {
            return CompletableFuture.completedFuture(now);
        }
        Pending pending = new Pending(maxMessages, new CompletableFuture<>());
        waiting.add(pending);
        scheduler.schedule(waitTime, () -> {
            synchronized (this) {
                if (waiting.remove(pending)) {
                    pending.future().complete(List.of());
                }
            }
        });
        return pending.future();
    }

    @Override
    public synchronized CompletableFuture<Void> delete(List<SourceRecord> records) {
        deleteCalls.add(records.stream().map(SourceRecord::id).toList());
        calls.add("delete " + String.join(",", deleteCalls.get(deleteCalls.size() - 1)));
        if (holdDeletes) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            heldDeletes.add(() -> {
                remove(records);
                done.complete(null);
            });
            return done;
        }
        remove(records);
        return CompletableFuture.completedFuture(null);
    }

    /** Makes the messages visible again at once (ChangeMessageVisibility 0) and serves waiting long polls. */
    @Override
    public synchronized CompletableFuture<Void> release(List<SourceRecord> records) {
        releaseCalls.add(records.stream().map(SourceRecord::id).toList());
        for (SourceRecord record : records) {
            Message m = messages.get(record.id());
            if (m != null && record.ackHandle().equals(m.receiptHandle)) {
                m.hiddenUntil = null;
            }
        }
        wakeUp();
        return CompletableFuture.completedFuture(null);
    }

    /** From now on, deletes stay in flight (not done, not answered) until {@link #releaseDeletes()}. */
    public synchronized void holdDeletes() {
        holdDeletes = true;
    }

    /** Carries out and answers the deletes held so far; later deletes are answered at once again. */
    public void releaseDeletes() {
        List<Runnable> held;
        synchronized (this) {
            holdDeletes = false;
            held = List.copyOf(heldDeletes);
            heldDeletes.clear();
        }
        held.forEach(Runnable::run);
    }

    public synchronized int deletesInFlight() {
        return heldDeletes.size();
    }

    private synchronized void remove(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            Message m = messages.get(record.id());
            if (m != null && record.ackHandle().equals(m.receiptHandle)) {
                messages.remove(record.id());
            }
        }
    }

    /** Makes hidden messages whose timeout passed visible again and serves waiting long polls. */
    public synchronized void wakeUp() {
        while (!waiting.isEmpty()) {
            List<SourceRecord> got = take(waiting.get(0).max());
            if (got.isEmpty()) {
                return;
            }
            waiting.remove(0).future().complete(got);
        }
    }

    public synchronized int size() {
        return messages.size();
    }

    public synchronized int receiveCount(String id) {
        return messages.containsKey(id) ? messages.get(id).receiveCount : -1;
    }

    public synchronized boolean contains(String id) {
        return messages.containsKey(id);
    }

    public synchronized List<List<String>> deleteCalls() {
        return List.copyOf(deleteCalls);
    }

    public synchronized List<List<String>> releaseCalls() {
        return List.copyOf(releaseCalls);
    }

    /** Whether a message is there and visible (not received, or its visibility timeout is over). */
    public synchronized boolean visible(String id) {
        Message m = messages.get(id);
        return m != null && (m.hiddenUntil == null || !m.hiddenUntil.isAfter(clock.instant()));
    }

    /** Long polls still waiting for messages, cancelled ones included (the server does not know). */
    public synchronized int waitingPolls() {
        return waiting.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Every receive and delete call in the order they were made: {@code receive}, {@code delete m0,m1}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized int receiveCalls() {
        return receiveCalls;
    }

    private List<SourceRecord> take(int max) {
        Instant now = clock.instant();
        List<SourceRecord> out = new ArrayList<>();
        java.util.Set<String> busyGroups = new java.util.HashSet<>();
        if (description.fifo()) {
            for (Message m : messages.values()) {
                if (m.hiddenUntil != null && m.hiddenUntil.isAfter(now)) {
                    busyGroups.add(m.group);
                }
            }
        }
        for (Message m : messages.values()) {
            if (out.size() == max) {
                break;
            }
            boolean visible = m.hiddenUntil == null || !m.hiddenUntil.isAfter(now);
            if (!visible || (description.fifo() && busyGroups.contains(m.group))) {
                continue;
            }
            m.hiddenUntil = now.plus(description.visibilityTimeout());
            m.receiveCount++;
            m.receiptHandle = m.id + "#" + m.receiveCount;
            String json = "{\"messageId\":\"" + m.id + "\",\"body\":\"" + m.body + "\"}";
            out.add(new SourceRecord(m.id, m.receiptHandle, m.group, Payload.utf8(json), now));
        }
        return out;
    }

    private static final class Message {
        final String id;
        final String body;
        final String group;
        Instant hiddenUntil;
        int receiveCount;
        String receiptHandle;

        Message(String id, String body, String group) {
            this.id = id;
            this.body = body;
            this.group = group;
        }
    }

    private record Pending(int max, CompletableFuture<List<SourceRecord>> future) {}
}
