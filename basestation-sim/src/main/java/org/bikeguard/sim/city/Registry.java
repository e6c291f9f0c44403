package org.bikeguard.sim.city;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.sim.load.StationSecrets;

/**
 * The synthetic registry: owners and bikes with their papers, derived deterministically from
 * the city seed and the index, so 274,000 bikes cost no memory until asked for.
 *
 * <p>Everything is fictitious and unique within a city: ID numbers use the non-existent region
 * codes {@code 4399xx} (Hunan, prefecture 99) with a valid GB 11643 check digit; phone numbers
 * are {@code 170} followed by 8 digits; plates, frame, motor and battery numbers are unique per
 * bike. Dates are calendar dates in Asia/Shanghai; prices are integer fen.
 *
 * <p>Immutable; thread-safe.
 */
public final class Registry {
    /** Region code prefix of the fictitious ID numbers (Hunan, non-existent prefecture 99). */
    public static final String REGION_PREFIX = "4399";

    private static final LocalDate BIRTH_EPOCH = LocalDate.of(1955, 1, 1);
    private static final int BIRTH_DAYS = 18_250;
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String[] BRAND_CODES = {"YD", "AM", "TL", "XR", "LY", "NU", "NB", "LM", "XD", "LJ"};
    private static final int[] BRAND_BASE_YUAN = {2600, 2800, 2500, 2300, 2400, 4200, 3900, 2200, 2000, 2100};

    /**
     * An owner.
     *
     * @param index owner index
     * @param name real name (Chinese)
     * @param male gender, as encoded in the ID number
     * @param birthDate date of birth (Asia/Shanghai)
     * @param idNumber 18-character resident ID number with a valid check digit
     * @param phone 11-digit mobile number, also the owner's login
     * @param password the owner's password for the tracker (synthetic)
     * @param address compound, building, unit and flat
     * @param tenant tenant (blue certificate) rather than owner-occupier (white)
     */
    public record Owner(
            int index,
            String name,
            boolean male,
            LocalDate birthDate,
            String idNumber,
            String phone,
            String password,
            String address,
            boolean tenant) {}

    /**
     * A bike.
     *
     * @param index bike index
     * @param id registry id ({@link Bikes#id(int)})
     * @param owner owner index
     * @param tag tag id, canonical hex
     * @param plate plate number
     * @param frameNo frame number
     * @param motorNo motor number
     * @param batterySerial battery serial number
     * @param brand brand (Chinese)
     * @param colour colour (Chinese)
     * @param purchaseDate purchase date (Asia/Shanghai)
     * @param purchasePriceFen purchase price in fen
     */
    public record Bike(
            int index,
            String id,
            int owner,
            String tag,
            String plate,
            String frameNo,
            String motorNo,
            String batterySerial,
            String brand,
            String colour,
            LocalDate purchaseDate,
            long purchasePriceFen) {}

    private final long seed;
    private final Bikes bikes;
    private final Places places;
    private final LocalDate asOf;

    /**
     * @param asOf the registry's "today" (Asia/Shanghai): every bike was bought before it
     */
    public Registry(long seed, Bikes bikes, Places places, LocalDate asOf) {
        this.seed = seed;
        this.bikes = bikes;
        this.places = places;
        this.asOf = asOf;
    }

    private SplittableRandom rnd(int kind, int index) {
        return new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L + kind * 0x632BE59BD9B4E019L + index * 0xBF58476D1CE4E5B9L);
    }

    /** Owner {@code o} (0 &le; o &lt; {@link Bikes#owners()}); {@code home} is their compound. */
    public Owner owner(int o, int home) {
        SplittableRandom r = rnd(1, o);
        String name = Names.person(r);
        long p = Math.floorMod(o * 7_919L + 104_729L, 912_500_000L);
        int region = (int) (p % 100);
        p /= 100;
        int day = (int) (p % BIRTH_DAYS);
        int seqHalf = (int) (p / BIRTH_DAYS);
        boolean male = r.nextBoolean();
        LocalDate birth = BIRTH_EPOCH.plusDays(day);
        String body = String.format(
                "%s%02d%04d%02d%02d%03d",
                REGION_PREFIX,
                region,
                birth.getYear(),
                birth.getMonthValue(),
                birth.getDayOfMonth(),
                seqHalf * 2 + (male ? 1 : 0));
        String id = body + checkDigit(body);
        String phone = String.format("170%08d", Math.floorMod(o * 48_271L + 12_345L, 100_000_000L));
        String password = "own-"
                + StationSecrets.secret(Long.toString(seed), "owner:" + phone).substring(0, 12);
        String address = places.name(home) + (1 + r.nextInt(30)) + "栋" + (1 + r.nextInt(4)) + "单元" + (1 + r.nextInt(33))
                + "0" + (1 + r.nextInt(4)) + "室";
        return new Owner(o, name, male, birth, id, phone, password, address, r.nextInt(100) < 22);
    }

    /** The owner of bike {@code b}. */
    public Owner ownerOf(int b) {
        return owner(bikes.owner(b), bikes.home(b));
    }

    /** Bike {@code b}. */
    public Bike bike(int b) {
        SplittableRandom r = rnd(2, b);
        int brand = r.nextInt(Names.BRANDS.length);
        LocalDate bought = asOf.minusDays(20 + r.nextInt(9 * 365));
        long plateNo = Math.floorMod(b * 7_919L + 31_337L, 2_400_000L);
        String plate =
                "衡阳" + PLATE_LETTERS.charAt((int) (plateNo / 100_000)) + String.format("%05d", plateNo % 100_000);
        String yy = String.format("%02d", bought.getYear() % 100);
        String frame = "L" + BRAND_CODES[brand] + yy
                + String.format("%010d", Math.floorMod(b * 2_654_435_761L + 97L, 10_000_000_000L));
        String motor = "MT" + yy + String.format("%02d", bought.getMonthValue())
                + String.format("%08d", Math.floorMod(b * 40_503L + 7L, 100_000_000L));
        String battery = "BT"
                + String.format("%02d%02d%02d", bought.getYear() % 100, bought.getMonthValue(), bought.getDayOfMonth())
                + String.format("%07d", b);
        long priceYuan = BRAND_BASE_YUAN[brand] + 100L * r.nextInt(25);
        return new Bike(
                b,
                Bikes.id(b),
                bikes.owner(b),
                TagIds.format(bikes.tag(b)),
                plate,
                frame,
                motor,
                battery,
                Names.BRANDS[brand],
                Names.COLOURS[r.nextInt(Names.COLOURS.length)],
                bought,
                priceYuan * 100);
    }

    /** The GB 11643-1999 check character of the first 17 digits of an ID number. */
    public static char checkDigit(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** Whether an 18-character ID number's check character is right. */
    public static boolean validIdNumber(String id) {
        return id != null
                && id.length() == 18
                && id.substring(0, 17).chars().allMatch(Character::isDigit)
                && checkDigit(id.substring(0, 17)) == id.charAt(17);
    }
}
