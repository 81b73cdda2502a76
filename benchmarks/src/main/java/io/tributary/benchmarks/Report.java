package io.tributary.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** A Markdown section printed to the console and written to {@code benchmarks/target/bench-<name>.md}. */
public final class Report {
    private final String name;
    private final StringBuilder text = new StringBuilder();

    public Report(String name, String title) {
        this.name = name;
        text.append("### ").append(title).append("\n\n");
        text.append("Run ")
                .append(LocalDate.now())
                .append(" on ")
                .append(Machine.describe())
                .append(".\n\n");
    }

    public Report line(String line) {
        text.append(line).append('\n');
        return this;
    }

    /** Prints the report and writes it next to the module's build output; returns the file. */
    public Path finish() {
        String markdown = text.toString();
        System.out.println();
        System.out.println(markdown);
        Path file = Path.of(System.getProperty("bench.output", "benchmarks/target"), "bench-" + name + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("(written to " + file.toAbsolutePath() + ")");
        return file;
    }
}
