package org.bikeguard.tracker.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The ingest path's meters (Prometheus names in brackets): frames and reads accepted
 * ({@code bikeguard_ingest_frames_total}, {@code bikeguard_ingest_reads_total}), frames rejected
 * by reason ({@code bikeguard_ingest_rejected_total{reason}}), reads dropped by reason, redeliveries,
 * restarted seq counters ({@code bikeguard_ingest_seq_restarts_total}: episodes;
 * {@code bikeguard_ingest_seq_reused_total}: frames that reused a seq, logged as new frames),
 * refused connections, connections ended by the server ({@code bikeguard_mqtt_disconnects_total{reason}}),
 * frame-log batch sizes and commit times. Thread-safe.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter reads;
    private final Counter redelivered;
    private final Counter seqRestarts;
    private final Counter seqReused;
    private final DistributionSummary logBatchFrames;
    private final Timer logCommit;
    private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> readsRejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> connectionsRefused = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> disconnects = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.frames = Counter.builder("bikeguard.ingest.frames")
                .description("Frames acknowledged and counted once (redeliveries excluded)")
                .register(registry);
        this.reads = Counter.builder("bikeguard.ingest.reads")
                .description("Entries in acknowledged frames, counted once")
                .register(registry);
        this.redelivered = Counter.builder("bikeguard.ingest.redelivered")
                .description("Frames acknowledged again as redeliveries of a known (station, seq)")
                .register(registry);
        this.seqRestarts = Counter.builder("bikeguard.ingest.seq.restarts")
                .description("Stations found to have restarted their seq counter (once per episode)")
                .register(registry);
        this.seqReused = Counter.builder("bikeguard.ingest.seq.reused")
                .description("Frames that reused a logged (station, seq) with other reads: logged as new frames")
                .register(registry);
        this.logBatchFrames = DistributionSummary.builder("bikeguard.framelog.batch.frames")
                .description("Frames per frame-log commit")
                .register(registry);
        this.logCommit = Timer.builder("bikeguard.framelog.commit")
                .description("Time to COPY and commit one frame-log batch")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void accepted(int entries) {
        frames.increment();
        reads.increment(entries);
    }

    public void redelivered() {
        redelivered.increment();
    }

    /** A station began a restart episode (its reused seqs are a restarted counter, not resends). */
    public void seqRestart() {
        seqRestarts.increment();
    }

    /** Frames that reused a logged (station, seq) with other reads, logged as new frames. */
    public void seqReused(int frames) {
        seqReused.increment(frames);
    }

    /** A whole frame was refused; {@code reason} is a lower_snake_case label. */
    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("bikeguard.ingest.rejected")
                        .description("Frames refused, by reason")
                        .tag("reason", r)
                        .register(registry))
                .increment();
    }

    /** Single reads dropped from an otherwise valid frame. */
    public void readsRejected(String reason, int n) {
        readsRejected
                .computeIfAbsent(reason, r -> Counter.builder("bikeguard.ingest.reads.rejected")
                        .description("Reads dropped from accepted frames, by reason")
                        .tag("reason", r)
                        .register(registry))
                .increment(n);
    }

    public void connectionRefused(String reason) {
        connectionsRefused
                .computeIfAbsent(reason, r -> Counter.builder("bikeguard.mqtt.connections.refused")
                        .description("MQTT connections refused, by reason")
                        .tag("reason", r)
                        .register(registry))
                .increment();
    }

    /** The server ended an accepted connection; {@code reason} is a lower_snake_case label. */
    public void disconnected(String reason) {
        disconnects
                .computeIfAbsent(reason, r -> Counter.builder("bikeguard.mqtt.disconnects")
                        .description("MQTT connections ended by the server, by reason")
                        .tag("reason", r)
                        .register(registry))
                .increment();
    }

    public void logBatch(int frameCount, long nanos) {
        logBatchFrames.record(frameCount);
        logCommit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
