package org.bikeguard.common.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SerialWorkerTest {

    @Test
    void itemsAreHandledOneByOneInOfferOrderOnTheNamedThread() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SerialWorker<Integer> w = SerialWorker.<Integer>named("test-each")
                .each(i -> {
                    seen.add(i);
                    threads.add(Thread.currentThread().getName());
                })
                .start()) {
            for (int i = 0; i < 1000; i++) {
                assertTrue(w.offer(i));
            }
        }
        assertEquals(IntStream.range(0, 1000).boxed().toList(), seen);
        assertEquals(List.of("test-each"), threads.stream().distinct().toList());
    }

    @Test
    void batchesHoldEverythingWaitingUpToTheMaximumInOfferOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-batches").batches(4, b -> {
            batches.add(List.copyOf(b));
            release.await();
        });
        for (int i = 0; i < 10; i++) {
            w.offer(i);
        }
        w.start();
        release.countDown();
        w.close();
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), batches);
    }

    @Test
    void aFullQueueRefusesOffersWithoutBlocking() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SerialWorker<Integer> w = SerialWorker.<Integer>named("test-full")
                .capacity(2)
                .each(i -> {
                    inHand.countDown();
                    release.await();
                })
                .start()) {
            assertTrue(w.offer(1));
            assertTrue(inHand.await(5, TimeUnit.SECONDS));
            assertTrue(w.offer(2));
            assertTrue(w.offer(3));
            assertFalse(w.offer(4));
            assertEquals(2, w.pending());
            assertFalse(w.isClosed());
            release.countDown();
        }
    }

    @Test
    void aQueueBoundedByWeightRefusesWhatWouldPassTheLimitAndFreesTheWeightOfTakenItems() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handled = new CountDownLatch(3);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (SerialWorker<Integer> w = SerialWorker.<Integer>named("test-weight")
                .maxWeight(100, i -> i)
                .each(i -> {
                    seen.add(i);
                    inHand.countDown();
                    release.await();
                    handled.countDown();
                })
                .start()) {
            assertTrue(w.offer(90), "the item in hand does not count as waiting");
            assertTrue(inHand.await(5, TimeUnit.SECONDS));
            assertEquals(0, w.pendingWeight());
            assertTrue(w.offer(60));
            assertTrue(w.offer(40));
            assertEquals(100, w.pendingWeight());
            assertFalse(w.offer(1), "one more unit would pass the limit");
            assertEquals(2, w.pending());
            release.countDown();
            assertTrue(handled.await(5, TimeUnit.SECONDS));
            assertEquals(0, w.pendingWeight());
            assertTrue(w.offer(250), "an empty queue takes one item heavier than the limit, alone");
        }
        assertEquals(List.of(90, 60, 40, 250), seen);
    }

    @Test
    void closeHandlesWhatWasAcceptedThenRunsTheStopActionLastAndRefusesOffers() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<String> stopThread = new AtomicReference<>();
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-close")
                .onStop(() -> {
                    events.add("stop");
                    stopThread.set(Thread.currentThread().getName());
                })
                .each(i -> events.add("item " + i));
        w.offer(1);
        w.offer(2);
        w.start();
        w.close();
        assertEquals(List.of("item 1", "item 2", "stop"), events);
        assertEquals("test-close", stopThread.get());
        assertTrue(w.isClosed());
        assertFalse(w.offer(3));
        w.close();
        assertEquals(3, events.size());
        assertThrows(IllegalStateException.class, w::start);
    }

    @Test
    void discardOnCloseStopsAfterTheItemInHand() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-discard")
                .discardOnClose()
                .each(i -> {
                    seen.add(i);
                    inHand.countDown();
                    release.await();
                })
                .start();
        w.offer(1);
        w.offer(2);
        w.offer(3);
        assertTrue(inHand.await(5, TimeUnit.SECONDS));
        Thread closer = new Thread(w::close);
        closer.start();
        while (!w.isClosed()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join();
        assertEquals(List.of(1), seen);
    }

    @Test
    void anOfferRacingCloseIsEitherRefusedOrHandledNeverLost() throws Exception {
        for (int round = 0; round < 20; round++) {
            ConcurrentLinkedQueue<Integer> handled = new ConcurrentLinkedQueue<>();
            SerialWorker<Integer> w = SerialWorker.<Integer>named("test-race")
                    .batches(64, handled::addAll)
                    .start();
            List<Integer> accepted = Collections.synchronizedList(new ArrayList<>());
            List<Thread> producers = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int p = 0; p < 4; p++) {
                Thread t = new Thread(() -> {
                    while (true) {
                        int i = next.getAndIncrement();
                        if (!w.offer(i)) {
                            return;
                        }
                        accepted.add(i);
                    }
                });
                producers.add(t);
                t.start();
            }
            while (next.get() < 5_000) {
                Thread.onSpinWait();
            }
            w.close();
            for (Thread t : producers) {
                t.join();
            }
            List<Integer> a = new ArrayList<>(accepted);
            List<Integer> h = new ArrayList<>(handled);
            Collections.sort(a);
            Collections.sort(h);
            assertEquals(a, h, "round " + round);
        }
    }

    @Test
    void theTickRunsOnTheWorkerThreadAlsoWhenIdle() throws Exception {
        CountDownLatch ticks = new CountDownLatch(3);
        AtomicReference<String> tickThread = new AtomicReference<>();
        try (SerialWorker<Integer> w = SerialWorker.<Integer>named("test-tick")
                .pollInterval(Duration.ofMillis(5))
                .tick(Duration.ofMillis(10), () -> {
                    tickThread.set(Thread.currentThread().getName());
                    ticks.countDown();
                })
                .each(i -> {})
                .start()) {
            assertTrue(ticks.await(5, TimeUnit.SECONDS));
            assertEquals("test-tick", tickThread.get());
            assertEquals(0, w.pending(), "no item was ever offered");
        }
    }

    @Test
    void aFailingItemIsLoggedAndTheWorkerGoesOn() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (SerialWorker<Integer> w = SerialWorker.<Integer>named("test-fail")
                .each(i -> {
                    if (i == 2) {
                        throw new IllegalStateException("boom");
                    }
                    seen.add(i);
                })
                .start()) {
            w.offer(1);
            w.offer(2);
            w.offer(3);
        }
        assertEquals(List.of(1, 3), seen);
    }

    @Test
    void anInterruptedHandlerStopsTheWorkerWhichThenRefusesOffers() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-interrupt")
                .onStop(stopped::countDown)
                .each(i -> {
                    throw new InterruptedException();
                })
                .start();
        w.offer(1);
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        assertTrue(w.isClosed());
        assertFalse(w.offer(2));
        w.close();
    }

    @Test
    void closeFromTheHandlerItselfDoesNotWaitForItself() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<SerialWorker<Integer>> self = new AtomicReference<>();
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-self")
                .onStop(stopped::countDown)
                .each(i -> self.get().close());
        self.set(w);
        w.start().offer(1);
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aWorkerClosedBeforeItStartedRefusesOffersAndCannotStart() {
        SerialWorker<Integer> w = SerialWorker.<Integer>named("test-unstarted").each(i -> {});
        w.close();
        assertFalse(w.offer(1));
        assertThrows(IllegalStateException.class, w::start);
        assertThrows(
                IllegalArgumentException.class, () -> SerialWorker.named("x").capacity(0));
        assertThrows(IllegalArgumentException.class, () -> SerialWorker.<Integer>named("x")
                .batches(0, b -> {}));
    }
}
