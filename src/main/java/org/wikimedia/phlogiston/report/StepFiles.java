package org.wikimedia.phlogiston.report;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.publish.ReportPublisher;
import org.wikimedia.phlogiston.report.montecarlo.Simulation;

/**
 * What one report step hands the next, written as JSON into the draft ({@link ReportPublisher.Draft#stepFiles()}),
 * so that a step reads its input from the files of the step before it and a restart in a new process goes on from
 * the step that failed: the velocity (read by the lists), the whole report (read by the data files, the charts and
 * the pages) and the charts drawn (read by the pages). Written whole or not at all: a step killed while writing one
 * leaves the one before, and its rerun writes it again.
 */
@Component
class StepFiles {

    private static final String VELOCITY = "velocity.json";
    private static final String REPORT = "report.json";
    private static final String CHARTS = "charts.json";

    private static final TypeReference<List<Chart>> CHART_LIST = new TypeReference<>() {
    };

    private final ObjectMapper json;

    StepFiles(ObjectMapper json) {
        this.json = json.copy().addMixIn(Simulation.class, SimulationFields.class);
    }

    void writeVelocity(ReportPublisher.Draft draft, ScopeReportBuilder.Velocity velocity) throws IOException {
        write(draft, VELOCITY, velocity);
    }

    ScopeReportBuilder.Velocity velocity(ReportPublisher.Draft draft) throws IOException {
        return json.readValue(file(draft, VELOCITY).toFile(), ScopeReportBuilder.Velocity.class);
    }

    void writeReport(ReportPublisher.Draft draft, ScopeReport report) throws IOException {
        write(draft, REPORT, report);
    }

    ScopeReport report(ReportPublisher.Draft draft) throws IOException {
        return json.readValue(file(draft, REPORT).toFile(), ScopeReport.class);
    }

    void writeCharts(ReportPublisher.Draft draft, List<Chart> charts) throws IOException {
        write(draft, CHARTS, charts);
    }

    List<Chart> charts(ReportPublisher.Draft draft) throws IOException {
        return json.readValue(file(draft, CHARTS).toFile(), CHART_LIST);
    }

    private void write(ReportPublisher.Draft draft, String name, Object value) throws IOException {
        Path target = draft.stepFiles().resolve(name);
        Path partial = target.resolveSibling(name + ".partial");
        json.writeValue(partial.toFile(), value);
        Files.move(partial, target, REPLACE_EXISTING, ATOMIC_MOVE);
    }

    private static Path file(ReportPublisher.Draft draft, String name) throws IOException {
        Path file = draft.stepFiles().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the step before this one wrote no " + name);
        }
        return file;
    }

    /** The Monte Carlo outcome as JSON: its fields, and its constructor to read them back. */
    abstract static class SimulationFields {
        @JsonProperty
        private int trials;
        @JsonProperty
        private int[] finishedInWeek;
        @JsonProperty
        private long[][] fan;
        @JsonProperty
        private long[] byTarget;

        @JsonCreator
        SimulationFields(@JsonProperty("trials") int trials, @JsonProperty("finishedInWeek") int[] finishedInWeek,
                         @JsonProperty("fan") long[][] fan, @JsonProperty("byTarget") long[] byTarget) {
        }
    }
}
