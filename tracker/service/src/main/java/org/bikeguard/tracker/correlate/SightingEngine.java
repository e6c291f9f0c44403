package org.bikeguard.tracker.correlate;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns reads into sightings (see {@link TagBucket} for the exact read-application rule).
 *
 * <p>PRELIMINARY implementation: state is kept in this JVM, behind one lock, so that other
 * packages can compile and test against the API; the Hazelcast-backed bucket design replaces it.
 * Thread-safe.
 */
public final class SightingEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SightingEngine.class);

  private final EngineConfig config;
  private final TagBucket[] buckets;

  /** Adds the map config and serializers this engine needs; call before creating the member. */
  public static void configure(Config config, EngineConfig engineConfig) {
    LOG.debug("configure {} for {}", engineConfig, config.getClusterName());
  }

  /** Creates an engine on a member or client configured with {@link #configure}. */
  public SightingEngine(HazelcastInstance hz, EngineConfig config) {
    this.config = config;
    this.buckets = new TagBucket[config.bucketCount()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new TagBucket();
    }
  }

  /** The bucket of a tag: murmur3 fmix64 of the tag, modulo the bucket count. */
  public static int bucketOf(long tag, int bucketCount) {
    return (int) Long.remainderUnsigned(mix64(tag), bucketCount);
  }

  /** murmur3 fmix64. */
  public static long mix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** Applies the batch; completes once every read of it is applied. */
  public synchronized CompletionStage<Void> apply(ReadBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      buckets[bucketOf(batch.tag(i), buckets.length)].apply(batch.tag(i), batch.station(i),
          batch.ts(i), batch.count(i), batch.rssi(i), batch.flags(i), config.gapMs());
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Completes when every apply() made before it has completed. */
  public CompletionStage<Void> drain() {
    return CompletableFuture.completedFuture(null);
  }

  /** Closes open sightings at station s whose lastSeen &lt; closeBefore[s] (epoch ms). */
  public synchronized CompletionStage<Void> sweep(long[] closeBefore) {
    for (TagBucket b : buckets) {
      b.sweep(closeBefore);
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Freezes closed-pending sightings with {@code epoch}; returns them and the open state. */
  public synchronized CompletionStage<Snapshot> snapshot(long epoch) {
    List<Sighting> closed = new ArrayList<>();
    List<byte[]> chunks = new ArrayList<>();
    long open = 0;
    for (TagBucket b : buckets) {
      List<Sighting> openOnes = new ArrayList<>();
      b.snapshot(epoch, closed::add, openOnes::add);
      ByteBuffer buf = ByteBuffer.allocate(4 + openOnes.size() * 34);
      buf.putInt(openOnes.size());
      for (Sighting s : openOnes) {
        buf.putLong(s.tag()).putInt(s.station()).putLong(s.firstSeen()).putLong(s.lastSeen())
            .putInt((int) s.reads()).put((byte) s.peakRssi()).put((byte) s.flags());
      }
      chunks.add(buf.array());
      open += openOnes.size();
    }
    return CompletableFuture.completedFuture(new Snapshot(epoch, closed, chunks, open));
  }

  /** Removes closed sightings frozen with an epoch &lt;= {@code epoch}. */
  public synchronized CompletionStage<Void> purge(long epoch) {
    for (TagBucket b : buckets) {
      b.purge(epoch);
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Replaces all state by the open sightings in these chunks. */
  public synchronized CompletionStage<Void> restore(List<byte[]> openState) {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new TagBucket();
    }
    for (byte[] chunk : openState) {
      ByteBuffer buf = ByteBuffer.wrap(chunk);
      int n = buf.getInt();
      for (int i = 0; i < n; i++) {
        Sighting s = new Sighting(buf.getLong(), buf.getInt(), buf.getLong(), buf.getLong(),
            buf.getInt(), buf.get(), buf.get() & 0xFF, true);
        buckets[bucketOf(s.tag(), buckets.length)].putOpen(s);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Open and closed-pending sightings of one tag, in firstSeen order. */
  public synchronized CompletionStage<List<Sighting>> sightingsOf(long tag) {
    return CompletableFuture.completedFuture(
        buckets[bucketOf(tag, buckets.length)].sightingsOf(tag));
  }

  /** Number of open sightings. */
  public synchronized long openSightings() {
    long n = 0;
    for (TagBucket b : buckets) {
      n += b.openCount();
    }
    return n;
  }

  @Override
  public void close() {
    LOG.debug("closed");
  }
}
