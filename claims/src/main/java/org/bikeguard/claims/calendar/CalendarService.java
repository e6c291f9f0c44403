package org.bikeguard.claims.calendar;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link WorkingDayCalendar} and swaps it atomically when an administrator
 * loads a year file into the running system. Readers always see a complete snapshot.
 * Thread-safe.
 */
public final class CalendarService {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarService.class);
    private static final String RESOURCE_DIR = "holiday-cn/";

    private final AtomicReference<WorkingDayCalendar> current;

    public CalendarService(WorkingDayCalendar initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** A service over the year files bundled in the jar ({@code holiday-cn/YYYY.json}). */
    public static CalendarService bundled() {
        return new CalendarService(WorkingDayCalendar.of(loadBundled()));
    }

    /** Reads every bundled year file (years {@value CalendarYear#MIN_YEAR}–2100 are probed). */
    public static List<CalendarYear> loadBundled() {
        List<CalendarYear> out = new ArrayList<>();
        ClassLoader cl = CalendarService.class.getClassLoader();
        for (int y = CalendarYear.MIN_YEAR; y <= CalendarYear.MAX_YEAR; y++) {
            try (InputStream in = cl.getResourceAsStream(RESOURCE_DIR + y + ".json")) {
                if (in != null) {
                    out.add(CalendarYear.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LOG.info(
                "bundled official calendars loaded [years: {}..{}]",
                out.isEmpty() ? "-" : out.get(0).year(),
                out.isEmpty() ? "-" : out.get(out.size() - 1).year());
        return out;
    }

    /** The current snapshot. */
    public WorkingDayCalendar calendar() {
        return current.get();
    }

    /** Adds or replaces one year; later readers see it at once. */
    public void load(CalendarYear year) {
        current.updateAndGet(c -> c.with(year));
        LOG.info(
                "official calendar loaded [year: {}, listedDays: {}]",
                year.year(),
                year.days().size());
    }

    /**
     * The warning an administrator sees from 1 November of {@code today}'s year while the next
     * year's official notice is not loaded: {@code {code, year, message}}; null otherwise.
     *
     * @param today the Asia/Shanghai date
     */
    public JsonObject nextYearWarning(LocalDate today) {
        int next = today.getYear() + 1;
        if (today.getMonth().compareTo(Month.NOVEMBER) < 0 || calendar().years().contains(next)) {
            return null;
        }
        return new JsonObject()
                .put("code", "next-year-notice-missing")
                .put("year", next)
                .put(
                        "message",
                        "The official " + next + " holiday notice is not loaded: deadlines reaching " + next
                                + " are provisional (computed from the holiday law). Load the " + next
                                + " file when the State Council publishes it.")
                .put("messageZh", next + " 年国务院放假安排尚未导入：涉及 " + next + " 年的期限按《全国年节及纪念日放假办法》暂算。通知发布后请导入。");
    }

    /** Adds or replaces several years (e.g. those stored in the database at start). */
    public void loadAll(Collection<CalendarYear> years) {
        years.forEach(this::load);
    }
}
