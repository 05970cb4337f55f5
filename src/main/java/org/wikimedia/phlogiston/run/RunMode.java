package org.wikimedia.phlogiston.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a run does for each scope, and whether it may load a fresher dump first. */
public enum RunMode {
    /** The nightly default: load a fresher dump if there is one, then add the new days to each history and report. */
    INCREMENTAL(Rebuild.INCREMENTAL, true, null),
    /** Load a fresher dump if there is one, then rebuild each history in full and report. */
    RECONSTRUCT(Rebuild.FULL, true, null),
    /** Report on the histories as they are. */
    REPORTS(Rebuild.NONE, false, "a fresh load does not change reports: to get new data into them, load and "
            + "reconstruct (--mode incremental or --mode reconstruct)"),
    /** What a scope owner runs after editing the scope's files: rebuild the history in full and report, no download. */
    RERECON(Rebuild.FULL, false, "rerecon rebuilds the histories from the dump already loaded: to load a "
            + "fresher dump first, use --mode reconstruct");

    /** How a mode reconstructs each scope's history. */
    public enum Rebuild { NONE, INCREMENTAL, FULL }

    private final Rebuild rebuild;
    private final boolean loadsByDefault;
    private final String whyNoLoad;

    RunMode(Rebuild rebuild, boolean loadsByDefault, String whyNoLoad) {
        this.rebuild = rebuild;
        this.loadsByDefault = loadsByDefault;
        this.whyNoLoad = whyNoLoad;
    }

    public Rebuild rebuild() {
        return rebuild;
    }

    /** Whether the mode loads a fresher dump when {@code --load} is not given. */
    public boolean loadsByDefault() {
        return loadsByDefault;
    }

    /** Why the mode refuses {@code --load true}; empty when it accepts it. */
    public Optional<String> whyNoLoad() {
        return Optional.ofNullable(whyNoLoad);
    }

    /** The name on the command line: {@code incremental}, {@code reconstruct}, {@code reports}, {@code rerecon}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunMode fromCliName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.cliName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode " + name
                        + ": use incremental, reconstruct, reports or rerecon"));
    }
}
