package org.bikeguard.bench;

import java.util.Locale;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One line about a tracker's database, for {@code ops/bench/city-storage}: rows and on-disk bytes
 * of {@code frame_log} and {@code sightings} (summed over partitions, heap with TOAST and maps, and
 * indexes), the stored size of the checkpoint's open state, and the server's WAL insert position.
 * Usage: {@code DbFootprint <jdbc-url> [user=postgres] [password=]}; prints {@code FOOTPRINT
 * {json}} with every figure in rows or bytes. Reads only; single-threaded.
 */
public final class DbFootprint {
    private DbFootprint() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DbFootprint <jdbc-url> [user] [password]");
            System.exit(2);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args.length > 1 ? args[1] : "postgres");
        ds.setPassword(args.length > 2 ? args[2] : "");
        StorageSizes sizes = new StorageSizes(ds);
        StorageSizes.Size log = sizes.size("frame_log");
        StorageSizes.Size sightings = sizes.size("sightings");
        long payload = sizes.scalar("SELECT coalesce(sum(octet_length(payload)), 0)::bigint FROM frame_log");
        long openState =
                sizes.scalar("SELECT coalesce(sum(pg_column_size(state)), 0)::bigint FROM checkpoint_open_state");
        System.out.printf(
                Locale.ROOT,
                "FOOTPRINT {\"frames\":%d,\"payloadBytes\":%d,\"frameLogHeap\":%d,\"frameLogIndex\":%d,"
                        + "\"sightings\":%d,\"sightingsHeap\":%d,\"sightingsIndex\":%d,\"openStateBytes\":%d,"
                        + "\"wal\":%d}%n",
                log.rows(),
                payload,
                log.heap(),
                log.index(),
                sightings.rows(),
                sightings.heap(),
                sightings.index(),
                openState,
                sizes.walPosition());
    }
}
