package org.wikimedia.phlogiston.scope;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code scope.ini}: the original's {@code <prefix>_scope.py} unchanged, an ini file whose {@code [vars]}
 * section holds the settings. The syntax is that of Python's configparser, which read it: {@code key = value} or
 * {@code key: value}, whole-line comments starting with {@code #} or {@code ;}, keys in any case. Values may be
 * quoted; the quotes are not part of the value (the original showed them in titles).
 */
final class SettingsFile {

    static final String NAME = "scope.ini";

    static final String SCOPE_TITLE = "scope_title";
    static final String START_DATE = "start_date";
    static final String DEFAULT_POINTS = "default_points";
    static final String SHOW_POINTS = "show_points";
    static final String SHOW_COUNT = "show_count";
    static final String RETROACTIVE_CATEGORIES = "retroactive_categories";
    static final String RETROACTIVE_POINTS = "retroactive_points";
    static final String BACKLOG_RESOLVED_CUTOFF = "backlog_resolved_cutoff";
    static final String STATUS_REPORT_PROJECT = "status_report_project";
    static final String STATUS_REPORT_START = "status_report_start";
    static final String STATUS_REPORT_END = "status_report_end";
    static final String MONTECARLO_WINDOW_WEEKS = "montecarlo_window_weeks";
    static final String MONTECARLO_HORIZON_WEEKS = "montecarlo_horizon_weeks";
    static final String MONTECARLO_TRIALS = "montecarlo_trials";
    static final String TARGET_DATE = "target_date";

    private static final List<String> SETTINGS = List.of(SCOPE_TITLE, START_DATE, DEFAULT_POINTS, SHOW_POINTS, SHOW_COUNT,
            RETROACTIVE_CATEGORIES, RETROACTIVE_POINTS, BACKLOG_RESOLVED_CUTOFF, STATUS_REPORT_PROJECT,
            STATUS_REPORT_START, STATUS_REPORT_END,
            MONTECARLO_WINDOW_WEEKS, MONTECARLO_HORIZON_WEEKS, MONTECARLO_TRIALS, TARGET_DATE);

    /** Read by older versions of the original and ignored by its last one; teams' files still carry them. */
    private static final Set<String> IGNORED_SETTINGS = Set.of("project_list", "status_report_range");

    private static final String SECTION = "vars";

    private final FileProblems problems;
    private final WorkflowSection workflow;
    private final Map<String, Entry> entries = new HashMap<>();
    /** The line of {@code [vars]}; 0 until found. */
    private int sectionLine;

    private record Entry(String value, int line) {
    }

    private record Cutoff(LocalDate date, boolean atQuarterStart) {
    }

    private record StatusReportStart(LocalDate date, Integer daysBeforeAsOf) {
    }

    SettingsFile(FileProblems problems) {
        this.problems = problems;
        this.workflow = new WorkflowSection(problems);
    }

    /** Takes in the file's settings; problems of layout and unknown keys are noted as they are met. */
    void parse(String content) {
        String section = null;
        int lineNumber = 0;
        for (String line : content.lines().toList()) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                section = text.substring(1, text.length() - 1).strip();
                if (section.equalsIgnoreCase(SECTION)) {
                    sectionLine = lineNumber;
                } else if (section.equalsIgnoreCase(WorkflowSection.NAME)) {
                    workflow.start(lineNumber);
                } else {
                    problems.add(lineNumber, "unknown section [" + section + "]: the settings go in the section [vars],"
                            + " the stages in [workflow]");
                }
                continue;
            }
            int delimiter = delimiterIndex(text);
            if (delimiter <= 0) {
                problems.add(lineNumber, "'" + text + "' is not a setting: write it as key = value");
            } else if (section == null) {
                problems.add(lineNumber, "this setting comes before any section: put [vars] on a line above it");
            } else if (section.equalsIgnoreCase(SECTION)) {
                take(text.substring(0, delimiter).strip().toLowerCase(Locale.ROOT),
                        unquote(text.substring(delimiter + 1).strip()), lineNumber);
            } else if (section.equalsIgnoreCase(WorkflowSection.NAME)) {
                workflow.take(text.substring(0, delimiter).strip().toLowerCase(Locale.ROOT),
                        unquote(text.substring(delimiter + 1).strip()), lineNumber);
            }
        }
        if (sectionLine == 0) {
            problems.add(1, "there is no [vars] section: put [vars] on the first line, the settings below it");
        }
    }

    /** The settings read, defaults where a setting is absent or wrong; notes each wrong value. */
    ScopeSettings settings() {
        String title = valueOf(SCOPE_TITLE, null, Optional::of, "text");
        if (title == null && sectionLine > 0) {
            problems.add(sectionLine, "scope_title is missing: add the line 'scope_title = <the report's title>' under [vars]");
        }
        Cutoff cutoff = valueOf(BACKLOG_RESOLVED_CUTOFF, new Cutoff(null, false), SettingsFile::cutoff,
                "a date (YYYY-MM-DD), 'default' (the start of the current quarter) or False: write one of those");
        StatusReportStart statusReportStart = valueOf(STATUS_REPORT_START, new StatusReportStart(null, null),
                SettingsFile::statusReportStart, "a date (YYYY-MM-DD), 'default' (the start of the current quarter) "
                        + "or a number of days before the report date: write one of those");
        return new ScopeSettings(
                title,
                valueOf(START_DATE, null, ScopeValues::date, ScopeValues.EXPECTED_DATE),
                valueOf(DEFAULT_POINTS, null, ScopeValues::wholeNumber, ScopeValues.EXPECTED_WHOLE_NUMBER),
                valueOf(SHOW_POINTS, true, ScopeValues::bool, ScopeValues.EXPECTED_BOOLEAN),
                valueOf(SHOW_COUNT, true, ScopeValues::bool, ScopeValues.EXPECTED_BOOLEAN),
                valueOf(RETROACTIVE_CATEGORIES, false, ScopeValues::bool, ScopeValues.EXPECTED_BOOLEAN),
                valueOf(RETROACTIVE_POINTS, false, ScopeValues::bool, ScopeValues.EXPECTED_BOOLEAN),
                cutoff.date(),
                cutoff.atQuarterStart(),
                valueOf(STATUS_REPORT_PROJECT, null, ScopeValues::wholeNumber, "a project id: " + ScopeValues.EXPECTED_WHOLE_NUMBER),
                statusReportStart.date(),
                statusReportStart.daysBeforeAsOf(),
                valueOf(STATUS_REPORT_END, null, ScopeValues::date, ScopeValues.EXPECTED_DATE),
                monteCarlo());
    }

    private MonteCarloSettings monteCarlo() {
        return new MonteCarloSettings(
                valueOf(MONTECARLO_WINDOW_WEEKS, MonteCarloSettings.DEFAULT_WINDOW_WEEKS,
                        text -> ScopeValues.wholeNumber(text).filter(weeks -> weeks >= 1),
                        "a number of weeks, 1 or more: write it with digits only"),
                valueOf(MONTECARLO_HORIZON_WEEKS, MonteCarloSettings.DEFAULT_HORIZON_WEEKS,
                        text -> ScopeValues.wholeNumber(text)
                                .filter(weeks -> weeks >= 1 && weeks <= MonteCarloSettings.MAX_HORIZON_WEEKS),
                        "a number of weeks from 1 to " + MonteCarloSettings.MAX_HORIZON_WEEKS + ": write it with digits only"),
                valueOf(MONTECARLO_TRIALS, MonteCarloSettings.DEFAULT_TRIALS,
                        text -> ScopeValues.wholeNumber(text)
                                .filter(trials -> trials >= 1 && trials <= MonteCarloSettings.MAX_TRIALS),
                        "a number of trials from 1 to " + MonteCarloSettings.MAX_TRIALS + ": write it with digits only"),
                valueOf(TARGET_DATE, Optional.<LocalDate>empty(), SettingsFile::targetDate,
                        ScopeValues.EXPECTED_DATE + ", or 'default' (the end of the current quarter)").orElse(null));
    }

    /** 'default' is the end of the as-of date's quarter, as an absent value is. */
    private static Optional<Optional<LocalDate>> targetDate(String text) {
        return ScopeValues.isDefault(text) ? Optional.of(Optional.empty()) : ScopeValues.date(text).map(Optional::of);
    }

    /** The scope's workflow: of its [workflow] section, or the default; notes each wrong line. */
    Workflow workflow() {
        return workflow.workflow();
    }

    /** The line each setting is on, for messages about its value. */
    Map<String, Integer> lines() {
        Map<String, Integer> lines = new HashMap<>();
        entries.forEach((key, entry) -> lines.put(key, entry.line()));
        return lines;
    }

    private void take(String key, String value, int line) {
        if (IGNORED_SETTINGS.contains(key)) {
            return;
        }
        if (!SETTINGS.contains(key)) {
            problems.add(line, "unknown setting '" + key + "': correct its name or remove the line; the settings are "
                    + String.join(", ", SETTINGS));
        } else if (entries.containsKey(key)) {
            problems.add(line, key + " is set twice (also on line " + entries.get(key).line() + "): keep one of the lines");
        } else {
            entries.put(key, new Entry(value, line));
        }
    }

    /** An empty value counts as absent, as a missing line would. */
    private <T> T valueOf(String key, T absent, Function<String, Optional<T>> parser, String expected) {
        Entry entry = entries.get(key);
        if (entry == null || entry.value().isEmpty()) {
            return absent;
        }
        Optional<T> value = parser.apply(entry.value());
        if (value.isEmpty()) {
            problems.add(entry.line(), key + " = " + entry.value() + " is not " + expected);
        }
        return value.orElse(absent);
    }

    private static Optional<Cutoff> cutoff(String text) {
        if (ScopeValues.isDefault(text)) {
            return Optional.of(new Cutoff(null, true));
        }
        return ScopeValues.date(text).map(date -> new Cutoff(date, false))
                .or(() -> ScopeValues.bool(text).map(atQuarterStart -> new Cutoff(null, atQuarterStart)));
    }

    /**
     * A whole number is a number of days before the as-of date (the original never read one: Fix P7). Teams wrote
     * {@code True} for the default, which the original took as such.
     */
    private static Optional<StatusReportStart> statusReportStart(String text) {
        if (ScopeValues.isDefault(text) || text.equalsIgnoreCase("true")) {
            return Optional.of(new StatusReportStart(null, null));
        }
        return ScopeValues.date(text).map(date -> new StatusReportStart(date, null))
                .or(() -> ScopeValues.wholeNumber(text).map(days -> new StatusReportStart(null, days)));
    }

    /** configparser splits at the first '=' or ':'. */
    private static int delimiterIndex(String text) {
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        return equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1).strip() : value;
    }
}
