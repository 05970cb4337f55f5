package org.wikimedia.phlogiston.history;

import static org.wikimedia.phlogiston.dump.TestDump.ids;

import java.time.Instant;

import org.wikimedia.phlogiston.dump.TestDump;

/**
 * A hand-built dump whose history is known day by day (see TaskHistoryTest): projects 1 (Team) and 2 (Other) with
 * boards, the special tags, and tasks 101–110 each showing one rule of reconstruction. The last change is on
 * 2019-01-20.
 */
public final class HandBuiltHistory {

    public static final int TEAM = 1;
    public static final int OTHER = 2;
    private static final String NEW_FORMAT = "{\"edge:type\":41}";

    private HandBuiltHistory() {
    }

    public static long at(String utc) {
        return Instant.parse(utc + ":00Z").getEpochSecond();
    }

    public static TestDump dump() {
        TestDump dump = new TestDump().project(TEAM, "Team").project(OTHER, "Other").project(1453, "New-Functionality")
                .project(1454, "Maintenance").project(1656, "Category").project(2169, "Goal")
                .column(11, "Backlog", TEAM).column(12, "Doing", TEAM).column(21, "Todo", OTHER);
        dump.task(101, "stalled", 3) // status churn with a reopening; points from info; tagged new functionality later
                .edgeChange(at("2019-01-02T09:00"), 1, null, ids(TEAM), NEW_FORMAT)
                .status(at("2019-01-02T10:00"), null, "open")
                .status(at("2019-01-05T10:00"), "open", "resolved")
                .status(at("2019-01-07T10:00"), "resolved", "open")
                .status(at("2019-01-09T10:00"), "open", "stalled")
                .edgeChange(at("2019-01-04T10:00"), 2, ids(), ids(1453), NEW_FORMAT);
        dump.task(102, "resolved", null) // the first status change tells the status before it; default points
                .edgeSet(at("2018-12-31T12:00"), ids(TEAM), ids())
                .status(at("2019-01-10T10:00"), "stalled", "resolved");
        dump.task(103, "open", 1) // both edge formats; column moves on two boards, one transaction moving on both
                .edgeSet(at("2019-01-03T12:00"), ids(TEAM), ids())
                .columns(at("2019-01-03T13:00"), 3, 11, TEAM, 21, OTHER)
                .columns(at("2019-01-04T13:00"), 4, 12, TEAM)
                .edgeChange(at("2019-01-06T12:00"), 5, ids(TEAM), ids(OTHER), NEW_FORMAT)
                .edgeChange(at("2019-01-08T12:00"), 6, ids(OTHER), ids(), NEW_FORMAT);
        dump.task(104, "open", 2) // points: info, then a transaction, then a value that is no integer
                .edgeChange(at("2019-01-01T00:00"), 7, null, ids(TEAM), NEW_FORMAT)
                .transaction("points", 8, at("2019-01-05T10:00"), "null", "5", "[]")
                .transaction("points", 9, at("2019-01-08T10:00"), "5", "\"8\"", "[]");
        dump.task(105, "open", null) // in both projects: the first in rule order wins; maintenance
                .edgeChange(at("2019-01-01T10:00"), 10, null, ids(OTHER, 1454), NEW_FORMAT)
                .edgeChange(at("2019-01-03T10:00"), 11, null, ids(TEAM), NEW_FORMAT);
        dump.task(106, "open", null).title("Big goal").tag(2169).subtask(107)
                .edgeChange(at("2019-01-01T10:00"), 12, null, ids(TEAM, 2169), NEW_FORMAT);
        dump.task(107, "open", null).title("Sub category").tag(1656).subtask(108)
                .edgeChange(at("2019-01-01T10:00"), 13, null, ids(TEAM, 1656), NEW_FORMAT);
        dump.task(108, "open", null).title("Leaf")
                .edgeChange(at("2019-01-01T10:00"), 14, null, ids(TEAM), NEW_FORMAT);
        dump.task(109, "resolved", null).modified(at("2019-01-12T10:00")) // resolved through a change not in the dump
                .edgeChange(at("2019-01-01T10:00"), 15, null, ids(TEAM), NEW_FORMAT)
                .status(at("2019-01-02T10:00"), null, "open")
                .status(at("2019-01-20T10:00"), "open", "open");
        dump.task(110, "declined", null) // declined later: the report leaves its rows out from then on
                .edgeChange(at("2019-01-01T10:00"), 16, null, ids(TEAM), NEW_FORMAT)
                .status(at("2019-01-02T10:00"), null, "open")
                .status(at("2019-01-10T10:00"), "open", "declined");
        return dump;
    }
}
