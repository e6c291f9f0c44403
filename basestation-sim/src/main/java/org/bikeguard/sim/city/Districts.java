package org.bikeguard.sim.city;

import java.util.List;

/**
 * The city's districts: rectangles named after Hengyang's urban districts, arranged around the
 * river (the layout is synthetic, only the names are real). Each district has a weight for
 * homes and one for workplaces, so housing and jobs are unevenly spread and commutes cross the
 * city.
 *
 * <p>Units: metres in the city plane ({@link Geo}). Immutable; thread-safe.
 */
public final class Districts {
    /**
     * One district.
     *
     * @param code short ASCII code
     * @param name Chinese name
     * @param pinyin romanised name
     * @param x0 west edge, metres
     * @param y0 south edge, metres
     * @param x1 east edge, metres
     * @param y1 north edge, metres
     * @param homeWeight relative density of homes
     * @param workWeight relative density of workplaces
     */
    public record District(
            String code,
            String name,
            String pinyin,
            double x0,
            double y0,
            double x1,
            double y1,
            double homeWeight,
            double workWeight) {
        /** Whether the point lies inside (west and south edges inclusive). */
        public boolean contains(double x, double y) {
            return x >= x0 && x < x1 && y >= y0 && y < y1;
        }

        /** Area in square metres. */
        public double area() {
            return (x1 - x0) * (y1 - y0);
        }
    }

    private final List<District> all;

    /**
     * Lays out the districts for a city of side {@code sizeM} metres whose river runs north at
     * {@code riverX} metres east of the centre.
     */
    public Districts(double sizeM, double riverX) {
        double h = sizeM / 2;
        double w = -h + 0.3 * sizeM;
        double r = riverX;
        all = List.of(
                new District("shigu", "石鼓区", "Shigu", w, -h + 0.6 * sizeM, r, h, 1.2, 1.1),
                new District("zhengxiang", "蒸湘区", "Zhengxiang", -h, -h + 0.45 * sizeM, w, h, 1.0, 0.9),
                new District("gaoxin", "高新区", "Gaoxin", -h, -h, w, -h + 0.45 * sizeM, 0.6, 1.6),
                new District("yanfeng", "雁峰区", "Yanfeng", w, -h + 0.2 * sizeM, r, -h + 0.6 * sizeM, 1.3, 1.2),
                new District("baishazhou", "白沙洲", "Baishazhou", w, -h, r, -h + 0.2 * sizeM, 0.4, 1.5),
                new District("zhuhui", "珠晖区", "Zhuhui", r, -h, h, h, 0.9, 0.7));
    }

    /** All districts, in a fixed order. */
    public List<District> all() {
        return all;
    }

    /** Index in {@link #all()} of the district holding the point (the nearest edge one outside). */
    public int indexOf(double x, double y) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(x, y)) {
                return i;
            }
        }
        double best = Double.MAX_VALUE;
        int bi = 0;
        for (int i = 0; i < all.size(); i++) {
            District d = all.get(i);
            double cx = Math.max(d.x0(), Math.min(d.x1(), x));
            double cy = Math.max(d.y0(), Math.min(d.y1(), y));
            double dd = Geo.dist(x, y, cx, cy);
            if (dd < best) {
                best = dd;
                bi = i;
            }
        }
        return bi;
    }
}
