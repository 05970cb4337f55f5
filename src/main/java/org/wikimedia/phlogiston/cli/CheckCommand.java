package org.wikimedia.phlogiston.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import org.wikimedia.phlogiston.scope.LoadedProjects;
import org.wikimedia.phlogiston.scope.ResolvedScope;
import org.wikimedia.phlogiston.scope.Scope;
import org.wikimedia.phlogiston.scope.ScopeChecker;
import org.wikimedia.phlogiston.scope.ScopeFiles;
import org.wikimedia.phlogiston.scope.ScopeProblem;
import org.wikimedia.phlogiston.scope.ScopeResolver;

@Command(name = "check", description = "Check scope files against the loaded projects; changes nothing.")
class CheckCommand implements Callable<Integer> {

    @ParentCommand
    PhlogistonCommand phlogiston;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static class Selection {
        @Option(names = "--scope", paramLabel = "PREFIX", converter = OptionValues.ScopeName.class,
                description = "The scope to check.")
        String prefix;

        @Option(names = "--all", description = "Check every scope in the scopes folder.")
        boolean all;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext application = phlogiston.startApplication()) {
            ScopeFiles files = application.getBean(ScopeFiles.class);
            Map<Integer, String> projects = application.getBean(LoadedProjects.class).namesById();
            PrintWriter out = phlogiston.out();
            List<String> prefixes = selection.all ? files.prefixes() : List.of(selection.prefix);
            if (prefixes.isEmpty()) {
                out.println("There are no scopes in " + files.scopesDir().toAbsolutePath()
                        + " (a scope is a sub-folder named by its prefix); give the right folder with --scopes-dir.");
                return PhlogistonCommand.FAILED;
            }
            out.println(projects.isEmpty()
                    ? "No dump is loaded, so only the files are checked: ids, ProjectByName and ProjectsByWildcard are not "
                            + "checked against projects. Run 'phlogiston load' to check them too."
                    : "Checking against the " + projects.size() + " projects of the loaded dump; files are in "
                            + files.scopesDir().toAbsolutePath() + ".");
            int scopesWithErrors = 0;
            for (String prefix : prefixes) {
                if (!check(prefix, projects, application, out)) {
                    scopesWithErrors++;
                }
            }
            out.flush();
            return scopesWithErrors == 0 ? 0 : PhlogistonCommand.FAILED;
        }
    }

    /** Prints the scope's problems and a summary line; true when it has none. */
    private static boolean check(String prefix, Map<Integer, String> projects, ConfigurableApplicationContext application,
                                 PrintWriter out) {
        List<ScopeProblem> problems = application.getBean(ScopeChecker.class).check(prefix, projects);
        problems.forEach(out::println);
        if (!problems.isEmpty()) {
            out.println(prefix + ": " + problems.size() + (problems.size() == 1 ? " error" : " errors"));
            return false;
        }
        Scope scope = application.getBean(ScopeFiles.class).read(prefix);
        if (projects.isEmpty()) {
            out.println(prefix + ": OK, " + scope.rules().size() + " rules (not checked against projects)");
        } else {
            ResolvedScope resolved = application.getBean(ScopeResolver.class).resolve(scope, projects);
            out.println(prefix + ": OK, " + resolved.rules().size() + " rules, " + resolved.projectIds().size() + " projects");
        }
        return true;
    }
}
