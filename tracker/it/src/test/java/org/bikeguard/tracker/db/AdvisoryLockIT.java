package org.bikeguard.tracker.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bikeguard.common.db.AdvisoryLock;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/** The start-up lock on a real PostgreSQL: one holder at a time per database, released after the work. */
class AdvisoryLockIT {

    @Test
    void aSecondHolderWaitsUntilTheFirstIsDoneAndOtherDatabasesDoNotContend() throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        String otherUrl = TestDatabase.newDatabaseUrl();
        AdvisoryLock.ConnectionSource db = () -> DriverManager.getConnection(url, "postgres", "");
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> AdvisoryLock.holding(db, "it.lock", () -> {
            firstHolds.countDown();
            assertTrue(releaseFirst.await(30, TimeUnit.SECONDS));
            firstDone.set(true);
            return null;
        }));
        assertTrue(firstHolds.await(30, TimeUnit.SECONDS));
        CompletableFuture<Boolean> second =
                CompletableFuture.supplyAsync(() -> AdvisoryLock.holding(db, "it.lock", firstDone::get));
        // Another database on the same server, same lock name: not blocked.
        assertEquals(
                "free",
                AdvisoryLock.holding(
                        () -> DriverManager.getConnection(otherUrl, "postgres", ""), "it.lock", () -> "free"));
        Thread.sleep(300);
        assertFalse(second.isDone(), "the second holder waits while the first holds the lock");
        releaseFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertTrue(second.get(30, TimeUnit.SECONDS), "the second ran after the first was done");
    }
}
