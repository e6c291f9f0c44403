package org.bikeguard.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void theEnvironmentWinsOverTheFileItNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bikeguard.properties");
        Files.writeString(
                file,
                "BIKEGUARD_HTTP_PORT = 9191\nBIKEGUARD_ADMIN_PASSWORD=from-the-file  \n"
                        + "BIKEGUARD_THEFT_WAITING_DAYS=10\n");
        Settings s = Settings.load(Map.of(Settings.FILE_KEY, file.toString(), "BIKEGUARD_THEFT_WAITING_DAYS", "3"));
        assertEquals(9191, s.integer("BIKEGUARD_HTTP_PORT", 8080));
        assertEquals("from-the-file", s.string("BIKEGUARD_ADMIN_PASSWORD", null));
        assertEquals(3, s.integer("BIKEGUARD_THEFT_WAITING_DAYS", 30));
    }

    @Test
    void withoutAFileTheEnvironmentIsTakenAsIs() {
        Settings s = Settings.load(Map.of("A", "b", Settings.FILE_KEY, " "));
        assertEquals("b", s.string("A", null));
        assertEquals(Map.of("A", "b", Settings.FILE_KEY, " "), s.asMap());
    }

    @Test
    void anUnreadableFileIsAnErrorNamingTheVariableAndTheFile(@TempDir Path dir) {
        String missing = dir.resolve("missing.properties").toString();
        ConfigException e =
                assertThrows(ConfigException.class, () -> Settings.load(Map.of(Settings.FILE_KEY, missing)));
        assertTrue(
                e.getMessage().startsWith("BIKEGUARD_CONFIG names a file that cannot be read: " + missing),
                e.getMessage());
    }

    @Test
    void blankValuesCountAsAbsentAndStringsAreNotTrimmed() {
        Settings s = Settings.of(Map.of("BLANK", "  ", "PASSWORD", " secret ", "PORT", " 81 "));
        assertEquals(Optional.empty(), s.string("BLANK"));
        assertEquals("dflt", s.string("BLANK", "dflt"));
        assertEquals(7, s.integer("BLANK", 7));
        assertEquals(" secret ", s.string("PASSWORD", null));
        assertEquals(81, s.integer("PORT", 0));
        assertEquals(Optional.empty(), s.string("UNSET"));
    }

    @Test
    void aMalformedIntegerIsAnErrorNamingTheKeyAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.of(Map.of("BIKEGUARD_BUCKETS", "many"))
                .integer("BIKEGUARD_BUCKETS", 271));
        assertEquals("BIKEGUARD_BUCKETS must be an integer, got 'many'", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void listsAreSplitOnCommasAndTrimmedAndABlankOneIsEmptyNotTheDefault() {
        Settings s = Settings.of(Map.of("L", " a, b ,,c ", "EMPTY", ""));
        assertEquals(List.of("a", "b", "c"), s.list("L", null));
        assertEquals(List.of(), s.list("EMPTY", "x,y"));
        assertEquals(List.of("x", "y"), s.list("UNSET", "x,y"));
        assertEquals(List.of(), s.list("UNSET", null));
    }

    @Test
    void overridesWinEvenWhenBlankAndAcceptNumbersAndBooleans() {
        Settings base = Settings.of(Map.of("DAYS", "30", "PASSWORD", "env", "KEEP", "k"));
        Settings s = base.overriddenBy(Map.of("DAYS", 0, "PASSWORD", "", "FLAG", true));
        assertEquals(0, s.integer("DAYS", 30));
        assertEquals(Optional.empty(), s.string("PASSWORD"));
        assertEquals("true", s.string("FLAG", null));
        assertEquals("k", s.string("KEEP", null));
        assertEquals(30, base.integer("DAYS", 0));
        assertThrows(ConfigException.class, () -> base.overriddenBy(Map.of("NESTED", Map.of())));
    }

    @Test
    void toStringShowsKeysButNeverValues() {
        String s = Settings.of(Map.of("BIKEGUARD_DB_PASSWORD", "hunter2")).toString();
        assertTrue(s.contains("BIKEGUARD_DB_PASSWORD"), s);
        assertFalse(s.contains("hunter2"), s);
    }
}
