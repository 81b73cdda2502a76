package example.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes each record's data and arrival time, which plain Jackson would read wrongly. */
public class KinesisHandler implements RequestHandler<KinesisEvent, List<String>> {
    @Override
    public List<String> handleRequest(KinesisEvent event, Context context) {
        List<String> seen = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            KinesisEvent.Record kinesis = record.getKinesis();
            String data =
                    StandardCharsets.UTF_8.decode(kinesis.getData().duplicate()).toString();
            seen.add(kinesis.getPartitionKey() + "|" + data + "|"
                    + kinesis.getApproximateArrivalTimestamp().getTime() + "|" + record.getEventSourceARN());
        }
        return seen;
    }
}
