package org.wikimedia.phlogiston.dump;

/** How a load ended, and the summary told to the user. */
public record LoadOutcome(LoadHistory.Outcome outcome, long loadId, String summary) {

    public boolean succeeded() {
        return outcome == LoadHistory.Outcome.LOADED || outcome == LoadHistory.Outcome.UNCHANGED;
    }
}
