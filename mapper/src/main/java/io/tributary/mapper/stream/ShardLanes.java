package io.tributary.mapper.stream;

/**
 * The lanes of one shard: one, or ParallelizationFactor of them, each with its own queue, batch in flight and
 * tumbling window. Records are spread by partition key, so records of one key always go to the same lane and stay in
 * order (spec §3.3).
 *
 * <p>Not thread-safe: every method runs with the owning {@link ShardConsumer}'s lock held, like the lanes'.
 */
final class ShardLanes {
    private final Lane[] lanes;

    ShardLanes(ShardConsumer owner, ShardContext ctx) {
        StreamMappingSettings settings = ctx.settings();
        this.lanes = new Lane[settings.lanes()];
        BatchProcessor processor = new BatchProcessor(ctx);
        for (int i = 0; i < lanes.length; i++) {
            TumblingWindow window = settings.tumblingWindow().isZero()
                    ? null
                    : new TumblingWindow(
                            settings.tumblingWindow(),
                            ctx.shardId(),
                            ctx.streamArn(),
                            settings.reportBatchItemFailures());
            lanes[i] = new Lane(owner, ctx, processor, window);
        }
    }

    /** Queues a record on the lane of its partition key. */
    void offer(ShardRecord record) {
        int lane = lanes.length == 1
                ? 0
                : Math.floorMod(record.record().partitionKey().hashCode(), lanes.length);
        lanes[lane].offer(record);
    }

    /** Starts in every lane the batch or final invocation that is due (or sets its timer). */
    void pump() {
        for (Lane lane : lanes) {
            lane.pump();
        }
    }

    /** Records read and not yet in a batch, over all lanes. */
    int queued() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queued();
        }
        return n;
    }

    /** Whether any lane has a batch or final invocation in flight. */
    boolean busy() {
        for (Lane lane : lanes) {
            if (lane.busy()) {
                return true;
            }
        }
        return false;
    }

    /** Nothing queued, nothing in flight, no tumbling window waiting for its final invocation, in every lane. */
    boolean drained() {
        for (Lane lane : lanes) {
            if (!lane.drained()) {
                return false;
            }
        }
        return true;
    }
}
