package org.wikimedia.phlogiston.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

import org.wikimedia.phlogiston.DatabaseTest;

/**
 * Gives each test class that extends {@link DatabaseTest} a database of its own on the shared test server, named
 * {@code t_} and the class's simple name in lowercase: its application sets {@code phlogiston.db.embedded-database}
 * to that name, which also gives every class an application context of its own. The first time a class's application
 * starts in a test run, its database is dropped (if an earlier run left it) and made afresh, so no run sees what an
 * earlier one left; afterwards it stays, to be looked at. A class with a data directory of its own owns its whole
 * server and keeps the configured database, as do all classes on a server given by PHLOGISTON_DB_URL.
 *
 * <p>Commands a test runs in-process ({@code PhlogistonCommand}) start applications of their own, which no test
 * context customizes: while a class runs, {@link InProcessCommands} sets the system property of the same name, so
 * that they work on the class's database too, as a second process on the same data directory would (test classes
 * run one after another). Both are registered in META-INF/spring.factories.
 */
public class DatabasePerTestClass implements ContextCustomizerFactory {

    private static final String SETTING = "phlogiston.db.embedded-database";
    private static final int MAX_NAME_LENGTH = 63;

    /** The class each database name was given to in this test run. */
    private static final Map<String, Class<?>> OWNERS = new ConcurrentHashMap<>();
    /** The databases made afresh in this test run, which a later start of the same class's application keeps. */
    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!DatabaseTest.class.isAssignableFrom(testClass)) {
            return null;
        }
        String name = databaseName(testClass);
        Class<?> owner = OWNERS.putIfAbsent(name, testClass);
        if (owner != null && owner != testClass) {
            throw new IllegalStateException(owner.getName() + " and " + testClass.getName() + " would share the database "
                    + name + ": rename one of them");
        }
        return new OwnDatabase(name);
    }

    static String databaseName(Class<?> testClass) {
        String name = ("t_" + testClass.getSimpleName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH));
    }

    /** Equal for equal names, as the context cache needs of a customizer. */
    private record OwnDatabase(String name) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (!DatabaseTest.DATA_DIR.equals(environment.getProperty("phlogiston.data-dir"))
                    || !environment.getProperty("phlogiston.db.url", "").isBlank()) {
                return;
            }
            environment.getPropertySources().addFirst(new MapPropertySource("the test class's database",
                    Map.of(SETTING, name)));
            String user = environment.getRequiredProperty("phlogiston.db.user");
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof EmbeddedPostgresServer server && MADE.add(name)) {
                        dropLeftOver(server, user);
                    }
                    return bean;
                }
            });
        }

        /** Runs before the application's data source makes the database, as it makes any that is missing. */
        private void dropLeftOver(EmbeddedPostgresServer server, String user) {
            try (Connection connection = DatabaseConfiguration.serverConnection(server, user);
                 Statement drop = connection.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop the test database " + name + " an earlier run left: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Points the commands a test class runs in-process at the database of its application, for as long as it runs. */
    public static class InProcessCommands implements TestExecutionListener {

        @Override
        public void beforeTestClass(TestContext testContext) {
            if (DatabaseTest.class.isAssignableFrom(testContext.getTestClass())) {
                System.setProperty(SETTING, testContext.getApplicationContext().getEnvironment().getRequiredProperty(SETTING));
            }
        }

        @Override
        public void afterTestClass(TestContext testContext) {
            System.clearProperty(SETTING);
        }
    }
}
