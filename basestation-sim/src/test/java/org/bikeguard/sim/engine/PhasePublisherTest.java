package org.bikeguard.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.CityGenerator;
import org.bikeguard.sim.city.CitySpec;
import org.bikeguard.sim.city.Signals;
import org.junit.jupiter.api.Test;

/** The controllers' phase messages say what the fixed-time plan (and so the truth) says. */
class PhasePublisherTest {
    private static final long START =
            OffsetDateTime.parse("2026-11-24T07:00:00+08:00").toInstant().toEpochMilli();

    private record Sent(int station, String topic, JsonNode json) {}

    @Test
    void everyInstantOfAnHourHasThePlansStateInTheLatestMessageOfItsOwnController() throws Exception {
        City city = CityGenerator.generate(CitySpec.SMALL, 7, "HY-", LocalDate.of(2026, 11, 24), 0, true);
        assertEquals(
                -1,
                CityGenerator.generate(CitySpec.SMALL, 7, "HY-", LocalDate.of(2026, 11, 24))
                        .stations()
                        .controller(0));
        int c0 = city.stations().controller(0);
        assertEquals("intersection", city.stations().kind(c0));
        assertEquals(0, city.stations().radius(c0), "a controller hears no tag");
        ObjectMapper om = new ObjectMapper();
        List<Sent> sent = new ArrayList<>();
        FrameSink sink = new FrameSink() {
            @Override
            public void send(int station, byte[] payload, int entries, long counts) {}

            @Override
            public void publish(int station, String topic, byte[] payload) {
                try {
                    sent.add(new Sent(station, topic, om.readTree(payload)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        PhasePublisher p = new PhasePublisher(city, sink, 1_700_000_000_000L);
        p.init(START);
        long end = START + 3_600_000;
        for (long t = START; t < end; t += 100) {
            p.step(t + 100);
        }
        Signals sig = city.signals();
        for (int i = 0; i < sig.count(); i++) {
            String id = String.format("I%02d", i + 1);
            List<JsonNode> mine = new ArrayList<>();
            for (Sent s : sent) {
                if (s.json().get("intersection").asText().equals(id)) {
                    assertEquals(city.stations().controller(i), s.station());
                    assertEquals("signals/" + id + "/phase", s.topic());
                    mine.add(s.json());
                }
            }
            assertTrue(mine.size() > 3600 / 120 * 6, id + ": a message per change at least");
            long prevSeq = 0;
            for (JsonNode m : mine) {
                assertTrue(m.get("seq").asLong() > prevSeq, "seq grows");
                prevSeq = m.get("seq").asLong();
            }
            int k = 0;
            for (long t = START; t < end; t += 250) {
                while (k + 1 < mine.size() && mine.get(k + 1).get("ts").asLong() <= t) {
                    k++;
                }
                JsonNode m = mine.get(k);
                assertEquals(state(sig.phase(i, true, t)), state(m, "N.through"), id + " N at " + (t - START));
                assertEquals(state(sig.phase(i, false, t)), state(m, "W.left"), id + " W at " + (t - START));
            }
        }
        assertEquals(sent.size(), p.messages());
    }

    private static String state(int phase) {
        return phase == Signals.GREEN ? "green" : phase == Signals.YELLOW ? "amber" : "red";
    }

    private static String state(JsonNode m, String movement) {
        for (String s : new String[] {"green", "amber"}) {
            for (JsonNode n : m.get(s)) {
                if (n.asText().equals(movement)) {
                    return s;
                }
            }
        }
        return "red";
    }
}
