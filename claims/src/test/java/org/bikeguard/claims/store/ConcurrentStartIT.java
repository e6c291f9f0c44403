package org.bikeguard.claims.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bikeguard.claims.product.ProductRepository;
import org.bikeguard.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Several trackers started at the same moment on one database each start the claims module: they
 * migrate the {@code claims} schema and seed the products at once, each in its own connections
 * as separate processes would. Every start succeeds, and each product is seeded once.
 */
class ConcurrentStartIT {

    private static final int MEMBERS = 4;

    @Test
    void membersStartingClaimsOnOneEmptyDatabaseAtOnceAllSucceedAndSeedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        try {
            for (int round = 0; round < 3; round++) {
                String url = TestDatabase.newDatabaseUrl();
                CyclicBarrier go = new CyclicBarrier(MEMBERS);
                CyclicBarrier seeding = new CyclicBarrier(MEMBERS);
                List<Future<Void>> starts = new ArrayList<>();
                for (int i = 0; i < MEMBERS; i++) {
                    starts.add(pool.submit(() -> {
                        go.await();
                        try (ClaimsDatabase db = ClaimsDatabase.connect(url, "postgres", "", 2)) {
                            // seeding is the next step of a start: the members reach it together too
                            seeding.await();
                            new ProductRepository(db).seedIfEmpty(30);
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : starts) {
                    f.get();
                }
                try (ClaimsDatabase db = ClaimsDatabase.connect(url, "postgres", "", 1);
                        Connection c = db.connection();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT kind) FROM product")) {
                    rs.next();
                    assertEquals(2, rs.getLong(1), "round " + round + ": one seeded version of each product");
                    assertEquals(2, rs.getLong(2));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
