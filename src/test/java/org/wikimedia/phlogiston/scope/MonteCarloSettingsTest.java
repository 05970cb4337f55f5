package org.wikimedia.phlogiston.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Monte Carlo settings of scope.ini: their defaults, their values, and a file:line error for a wrong one. */
class MonteCarloSettingsTest {

    @TempDir
    Path scopesDir;

    @Test
    void absentSettingsTakeTheDefaults() throws IOException {
        MonteCarloSettings settings = settingsOf("plain", "");
        assertThat(settings).isEqualTo(new MonteCarloSettings(12, 104, 10_000, null));
        assertThat(settings.targetDate(LocalDate.of(2019, 3, 15))).isEqualTo(LocalDate.of(2019, 3, 31));
        assertThat(settings.targetDate(LocalDate.of(2019, 4, 1))).isEqualTo(LocalDate.of(2019, 6, 30));
        assertThat(settings.targetDate(LocalDate.of(2019, 12, 31))).isEqualTo(LocalDate.of(2019, 12, 31));
    }

    @Test
    void setValuesAreRead() throws IOException {
        MonteCarloSettings settings = settingsOf("set", """
                montecarlo_window_weeks = 8
                montecarlo_horizon_weeks = 52
                montecarlo_trials = 2000
                target_date = 2019-9-1
                """);
        assertThat(settings).isEqualTo(new MonteCarloSettings(8, 52, 2000, LocalDate.of(2019, 9, 1)));
        assertThat(settings.targetDate(LocalDate.of(2019, 3, 15))).isEqualTo(LocalDate.of(2019, 9, 1));
        assertThat(settingsOf("dflt", "target_date = default\n").targetDate()).isNull();
    }

    @Test
    void wrongValuesAreNamedAtTheirLine() throws IOException {
        write("bad", """
                montecarlo_window_weeks = 0
                montecarlo_horizon_weeks = forever
                montecarlo_trials = 2000000
                target_date = end of June
                """);
        ScopeChecker checker = new ScopeChecker(new ScopeFiles(scopesDir), new ScopeResolver());
        assertThat(checker.check("bad", Map.of())).extracting(ScopeProblem::toString).containsExactly(
                "bad/scope.ini:3: montecarlo_window_weeks = 0 is not a number of weeks, 1 or more: write it with digits only",
                "bad/scope.ini:4: montecarlo_horizon_weeks = forever is not a number of weeks from 1 to 1040: "
                        + "write it with digits only",
                "bad/scope.ini:5: montecarlo_trials = 2000000 is not a number of trials from 1 to 1000000: "
                        + "write it with digits only",
                "bad/scope.ini:6: target_date = end of June is not a date: write it as YYYY-MM-DD, e.g. 2019-01-15, "
                        + "or 'default' (the end of the current quarter)");
    }

    private MonteCarloSettings settingsOf(String prefix, String lines) throws IOException {
        write(prefix, lines);
        return new ScopeFiles(scopesDir).read(prefix).settings().monteCarlo();
    }

    private void write(String prefix, String lines) throws IOException {
        Path dir = Files.createDirectories(scopesDir.resolve(prefix));
        Files.writeString(dir.resolve("scope.ini"), "[vars]\nscope_title = Forecasts\n" + lines);
        Files.writeString(dir.resolve("recategorization.csv"), "rule,title,display,id,matchstring\nProjectByID,Alpha,show,101,\n");
    }
}
