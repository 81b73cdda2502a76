package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import io.tributary.invoker.Functions;
import io.tributary.mapper.control.FileMappingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartAheadTest {

    @TempDir
    Path dir;

    @Test
    void thePartsBuiltAheadAreTakenWhereTheStartNeedsThem() {
        // given
        try (StartAhead ahead = new StartAhead(
                () -> new KinesisConnector(new KinesisSettings(null, "us-east-1", "000000000000", null, null)),
                () -> Functions.load(List.of()),
                () -> new FileMappingStore(dir.resolve("mappings")))) {
            // when / then
            try (KinesisConnector kinesis = ahead.kinesis();
                    Functions functions = ahead.functions()) {
                assertThat(kinesis.serves("arn:aws:kinesis:us-east-1:000000000000:stream/s"))
                        .isTrue();
                assertThat(functions.all()).isEmpty();
                assertThat(ahead.mappingStore().loadAll()).isEmpty();
            }
        }
    }

    @Test
    void aPartThatFailedThrowsItsOwnExceptionWhenTaken() {
        // given
        IllegalStateException failure = new IllegalStateException("Functions[0].Executor: bad");
        StartAhead.Part<String> part = new StartAhead.Part<>(
                () -> {
                    throw failure;
                },
                built -> {});

        // when
        part.build();

        // then: the very exception, as if built where it is taken
        assertThatThrownBy(part::take).isSameAs(failure);
    }

    @Test
    void closingClosesOnlyWhatWasBuiltAndNotTaken() {
        List<String> closed = new ArrayList<>();
        StartAhead.Part<String> taken = new StartAhead.Part<>(() -> "taken", closed::add);
        StartAhead.Part<String> left = new StartAhead.Part<>(() -> "left", closed::add);
        StartAhead.Part<String> failed = new StartAhead.Part<>(
                () -> {
                    throw new IllegalStateException("no");
                },
                closed::add);
        taken.build();
        left.build();
        failed.build();

        // when
        assertThat(taken.take()).isEqualTo("taken");
        taken.closeUnlessTaken();
        left.closeUnlessTaken();
        failed.closeUnlessTaken();
        left.closeUnlessTaken();

        // then: the part the start did not take is closed once; the taken one is the start's to close
        assertThat(closed).containsExactly("left");
    }
}
