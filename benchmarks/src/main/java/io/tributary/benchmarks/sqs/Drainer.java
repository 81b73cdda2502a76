package io.tributary.benchmarks.sqs;

/** One way of consuming a queue: the thing being compared. */
interface Drainer extends AutoCloseable {
    /** Short name for the report, e.g. {@code raw SDK loop}. */
    String name();

    /**
     * Consumes {@code messages} messages already in the queue with {@code concurrency} pollers (receive up to 10,
     * process, delete), and returns the time from starting to the last message being done, in nanoseconds.
     */
    long drain(String queueName, String queueUrl, int messages, int concurrency) throws Exception;

    @Override
    default void close() {}
}
