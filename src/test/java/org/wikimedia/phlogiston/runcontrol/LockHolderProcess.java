package org.wikimedia.phlogiston.runcontrol;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A scope job in a process of its own, for {@link RunLockTest}: takes the scope's lock, says so, and holds it
 * until killed. Arguments: JDBC URL, database user, scope prefix, password.
 */
class LockHolderProcess {

    static final String HOLDING = "holding the lock";

    static String command(String prefix) {
        return "phlogiston rerecon --scope " + prefix + " (in a process of its own)";
    }

    public static void main(String[] args) throws InterruptedException {
        HikariDataSource database = new HikariDataSource(); // never started: RunLock only reads its settings
        database.setJdbcUrl(args[0]);
        database.setUsername(args[1]);
        database.setPassword(args[3]);
        try (RunLock.Held held = new RunLock(database, new RunControlProperties(Duration.ZERO))
                .acquireForScope(args[2], command(args[2]), Duration.ZERO)) {
            System.out.println(HOLDING);
            System.out.flush();
            new CountDownLatch(1).await(); // until killed
        }
    }
}
