package org.bikeguard.tracker.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RedeliveryFilterTest {

    private final RedeliveryFilter filter = new RedeliveryFilter();

    @Test
    void theSameSeqWithTheSameDigestIsARedeliveryOfTheFirstCopy() {
        CompletableFuture<Long> first = new CompletableFuture<>();
        assertNull(filter.register("RF-1", 5, 0xAAL, first));
        assertSame(first, filter.register("RF-1", 5, 0xAAL, new CompletableFuture<>()));
        assertNull(filter.register("RF-2", 5, 0xAAL, new CompletableFuture<>()), "another station's seq 5");
    }

    @Test
    void theSameSeqWithAnotherDigestIsANewFrameAndReplacesTheRememberedOne() {
        CompletableFuture<Long> old = new CompletableFuture<>();
        CompletableFuture<Long> restarted = new CompletableFuture<>();
        assertNull(filter.register("RF-3", 1, 0x11L, old));
        assertNull(filter.register("RF-3", 1, 0x22L, restarted), "a restarted counter's frame is not dropped");
        assertSame(restarted, filter.register("RF-3", 1, 0x22L, new CompletableFuture<>()), "its resend is");
    }

    @Test
    void forgettingAFailedWriteLeavesALaterFrameOfTheSameSeqInPlace() {
        CompletableFuture<Long> failed = new CompletableFuture<>();
        CompletableFuture<Long> later = new CompletableFuture<>();
        filter.register("RF-4", 9, 0x1L, failed);
        filter.register("RF-4", 9, 0x2L, later);
        filter.forget("RF-4", 9, failed);
        assertSame(later, filter.register("RF-4", 9, 0x2L, new CompletableFuture<>()));
        filter.forget("RF-4", 9, later);
        assertNull(filter.register("RF-4", 9, 0x2L, new CompletableFuture<>()), "forgotten: written again");
    }

    @Test
    void aFailedFirstCopyIsNoRedelivery() {
        CompletableFuture<Long> failed = new CompletableFuture<>();
        filter.register("RF-5", 3, 0x1L, failed);
        failed.completeExceptionally(new IllegalStateException("log down"));
        assertNull(filter.register("RF-5", 3, 0x1L, new CompletableFuture<>()));
    }

    @Test
    void onlyTheLastWindowOfSeqsIsRemembered() {
        for (long seq = 0; seq <= RedeliveryFilter.WINDOW; seq++) {
            filter.remember("RF-6", seq, seq, 1000 + seq);
        }
        assertNull(filter.register("RF-6", 0, 0, new CompletableFuture<>()), "seq 0 fell out of the window");
        assertNotNull(
                filter.register("RF-6", RedeliveryFilter.WINDOW, RedeliveryFilter.WINDOW, new CompletableFuture<>()));
    }
}
