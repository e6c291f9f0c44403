package org.bikeguard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenVectorsTest {

    static List<GoldenVectors.Vector> vectors() {
        return GoldenVectors.load();
    }

    @Test
    void vectorFileHoldsTheRequiredKindsOfVectors() {
        List<String> names = vectors().stream().map(GoldenVectors.Vector::name).toList();
        assertTrue(names.size() >= 4, "at least 4 vectors: " + names);
        assertTrue(names.containsAll(List.of("json-1", "binary-1", "binary-3", "binary-max")), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenHexDecodesToTheDocumentedValues(GoldenVectors.Vector v) throws Exception {
        Frame decoded = FrameCodec.decode(v.bytes());
        assertEquals(v.frame(), decoded);
        assertEquals(v.format().equals("json"), FrameCodec.isJson(v.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void documentedValuesEncodeToExactlyTheGoldenHex(GoldenVectors.Vector v) {
        byte[] encoded =
                v.format().equals("json") ? FrameCodec.encodeJson(v.frame()) : FrameCodec.encodeBinary(v.frame());
        assertEquals(v.hex(), HexFormat.of().formatHex(encoded));
    }

    @Test
    void protocolDocContainsEveryGoldenVectorHex() throws IOException {
        Path doc = Path.of("../../docs/protocol.md");
        assumeTrue(Files.isRegularFile(doc), "docs/protocol.md not found relative to basedir");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String compact = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (GoldenVectors.Vector v : vectors()) {
            assertTrue(compact.contains(v.hex()), "docs/protocol.md lacks the hex of " + v.name());
        }
    }
}
