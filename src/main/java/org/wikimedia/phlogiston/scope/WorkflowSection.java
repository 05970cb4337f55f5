package org.wikimedia.phlogiston.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code [workflow]} section of {@code scope.ini}:
 * <pre>
 * [workflow]
 * stages = Backlog, Doing, Review, Done
 * stage.Doing = column:In progress, column:Doing
 * stage.Review = column:Review
 * stage.Done = status:resolved
 * commitment = Doing
 * done = Done
 * </pre>
 * Every stage but the first needs a {@code stage.<name>} line (the first holds what no other stage claims). A
 * section with problems gives the default workflow, its problems noted with their lines.
 */
final class WorkflowSection {

    static final String NAME = "workflow";
    private static final String STAGES = "stages";
    private static final String STAGE_PREFIX = "stage.";
    private static final String COMMITMENT = "commitment";
    private static final String DONE = "done";
    private static final String KEYS = "stages, stage.<name>, commitment, done";

    private final FileProblems problems;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    /** The line of {@code [workflow]}; 0 when the file has none. */
    private int sectionLine;

    private record Line(String value, int number) {
    }

    WorkflowSection(FileProblems problems) {
        this.problems = problems;
    }

    void start(int line) {
        if (sectionLine > 0) {
            problems.add(line, "[workflow] is here a second time (also on line " + sectionLine
                    + "): keep one [workflow] section");
        } else {
            sectionLine = line;
        }
    }

    /** {@code key}: lowercase. */
    void take(String key, String value, int line) {
        if (!key.equals(STAGES) && !key.equals(COMMITMENT) && !key.equals(DONE) && !key.startsWith(STAGE_PREFIX)) {
            problems.add(line, "unknown workflow setting '" + key + "': the settings of [workflow] are " + KEYS);
        } else if (lines.containsKey(key)) {
            problems.add(line, key + " is set twice (also on line " + lines.get(key).number() + "): keep one of the lines");
        } else {
            lines.put(key, new Line(value, line));
        }
    }

    /** The workflow the section describes; the default without a section or when it has problems. */
    Workflow workflow() {
        if (sectionLine == 0) {
            return Workflow.DEFAULT;
        }
        int before = problems.count();
        Line stagesLine = lines.get(STAGES);
        if (stagesLine == null || stagesLine.value().isEmpty()) {
            problems.add(sectionLine, "[workflow] has no stages: add a line 'stages = <first stage>, <next stage>, ...'"
                    + " in the order work goes through them");
            return Workflow.DEFAULT;
        }
        List<String> names = Arrays.stream(stagesLine.value().split(",")).map(String::strip).toList();
        List<String> keys = new ArrayList<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add(stagesLine.number(), "stages = " + stagesLine.value() + " has an empty stage name: "
                        + "separate the names by single commas");
            } else if (keys.contains(key)) {
                problems.add(stagesLine.number(), "the stage '" + name + "' is listed twice: list each stage once");
            }
            keys.add(key);
        }
        lines.forEach((key, line) -> {
            if (key.startsWith(STAGE_PREFIX) && !keys.contains(key.substring(STAGE_PREFIX.length()))) {
                problems.add(line.number(), key + " names no stage of 'stages' (line " + stagesLine.number()
                        + "): correct the name or add the stage there");
            }
        });
        List<Workflow.Stage> stages = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (keys.indexOf(keys.get(i)) < i) {
                continue; // listed twice, noted above
            }
            stages.add(stage(names.get(i), lines.get(STAGE_PREFIX + keys.get(i)), i == 0, stagesLine.number()));
        }
        int commitment = stageIndex(COMMITMENT, keys);
        int done = stageIndex(DONE, keys);
        if (commitment >= 0 && done >= 0 && done < commitment) {
            problems.add(lines.get(DONE).number(), "the done stage comes before the commitment stage: work is "
                    + "committed before it is done; choose a done stage at or after '" + names.get(commitment) + "'");
        }
        return problems.count() > before ? Workflow.DEFAULT : new Workflow(stages, commitment, done);
    }

    private Workflow.Stage stage(String name, Line line, boolean first, int stagesLine) {
        List<String> statuses = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        if (line == null) {
            if (!first) {
                problems.add(stagesLine, "the stage '" + name + "' has no members: add a line 'stage." + name
                        + " = column:<workboard column>, status:<status>, ...' (only the first stage may have none)");
            }
            return new Workflow.Stage(name, statuses, columns);
        }
        for (String member : line.value().split(",")) {
            String text = member.strip();
            int colon = text.indexOf(':');
            String kind = colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : text.substring(colon + 1).strip();
            if (kind.equals(Workflow.STATUS) && Workflow.STATUSES.contains(value.toLowerCase(Locale.ROOT))) {
                statuses.add(value.toLowerCase(Locale.ROOT));
            } else if (kind.equals(Workflow.COLUMN) && !value.isEmpty()) {
                columns.add(value);
            } else {
                problems.add(line.number(), "'" + text + "' is not a stage member: write column:<workboard column> or "
                        + "status:<" + String.join("|", Workflow.STATUSES) + ">, separated by commas");
            }
        }
        return new Workflow.Stage(name, statuses, columns);
    }

    /** The index of the stage the setting names; -1 (noted) when it names none. */
    private int stageIndex(String key, List<String> stageKeys) {
        Line line = lines.get(key);
        if (line == null || line.value().isEmpty()) {
            problems.add(sectionLine, "[workflow] has no " + key + " stage: add a line '" + key + " = <stage>'");
            return -1;
        }
        int index = stageKeys.indexOf(line.value().toLowerCase(Locale.ROOT));
        if (index < 0) {
            problems.add(line.number(), key + " = " + line.value() + " is not one of the stages: write one of "
                    + lines.get(STAGES).value());
        }
        return index;
    }
}
