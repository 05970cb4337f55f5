package org.wikimedia.phlogiston.runcontrol;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.wikimedia.phlogiston.Secrets;

/**
 * The command line this process runs, as the run registry shows it to other runs. Set once by the command-line
 * entry point; a process started otherwise (a test, the benchmark) is just "phlogiston".
 */
public final class CurrentCommand {

    private static volatile String commandLine = "phlogiston";

    private CurrentCommand() {
    }

    /** Records {@code phlogiston <args>}, with credentials masked: other users of the database read it. */
    public static void set(String... args) {
        String[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i].equals("--db-password") && i + 1 < shown.length) {
                shown[++i] = Secrets.MASK;
            } else {
                shown[i] = Secrets.mask(shown[i]);
            }
        }
        commandLine = Arrays.stream(shown).map(CurrentCommand::quoted).collect(Collectors.joining(" ", "phlogiston ", "")).strip();
    }

    public static String get() {
        return commandLine;
    }

    private static String quoted(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace) ? "'" + arg + "'" : arg;
    }
}
