package org.bikeguard.tracker.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StationImportTest {

    private static final String SECRET = "0123456789abcdef-secret";

    @Test
    void csvWithQuotedNamesAndAnEmptySecretParsesEveryRowWithItsLine() {
        StationImport.Parsed p = StationImport.csv(
                """
                id,name,kind,lon,lat,radiusM,secret
                HY-0001,"Renmin Rd, north \"\"gate\"\"",street,120.1551,30.2741,60,%s

                HY-0002,Jiefang Rd,intersection,120.16,30.27,80,
                """
                        .formatted(SECRET));
        assertEquals(2, p.stations().size());
        StationInput first = p.stations().get(0);
        assertEquals("Renmin Rd, north \"gate\"", first.name());
        assertEquals(120.1551, first.lon());
        assertEquals(SECRET, first.secret());
        assertNull(p.stations().get(1).secret(), "an empty secret keeps the stored one");
        assertEquals(List.of("line 2", "line 4"), p.locations());
    }

    @Test
    void csvColumnsMayComeInAnyOrder() {
        StationImport.Parsed p = StationImport.csv(
                "secret,radiusM,lat,lon,kind,name,id\r\n" + SECRET + ",50,30.1,120.2,building,Mall,M-1\r\n");
        StationInput s = p.stations().get(0);
        assertEquals("M-1", s.id());
        assertEquals(30.1, s.lat());
        assertEquals(50, s.radiusM());
    }

    @Test
    void csvBadValueIsReportedWithItsLineNumber() {
        StationImportException e = assertThrows(
                StationImportException.class,
                () -> StationImport.csv(
                        """
                id,name,kind,lon,lat,radiusM,secret
                A,Ok,street,120,30,10,%s
                B,Bad,road,120,30,10,%s
                """
                                .formatted(SECRET, SECRET)));
        assertEquals("line 3", e.location());
        assertTrue(e.getMessage().startsWith("line 3: kind must be one of"), e.getMessage());
    }

    @Test
    void csvNonNumericCoordinateIsReportedWithFieldAndLine() {
        StationImportException e = assertThrows(
                StationImportException.class,
                () -> StationImport.csv(
                        "id,name,kind,lon,lat,radiusM,secret\nA,Ok,street,east,30,10," + SECRET + "\n"));
        assertEquals("line 2: lon must be a number, got \"east\"", e.getMessage());
    }

    @Test
    void csvWrongHeaderIsRejected() {
        StationImportException e = assertThrows(
                StationImportException.class, () -> StationImport.csv("id,name,type,lon,lat,radiusM,secret\n"));
        assertEquals("line 1", e.location());
    }

    @Test
    void csvWrongFieldCountAndUnterminatedQuoteAreRejected() {
        assertEquals(
                "line 2",
                assertThrows(
                                StationImportException.class,
                                () -> StationImport.csv("id,name,kind,lon,lat,radiusM,secret\nA,Ok,street,120,30\n"))
                        .location());
        assertEquals(
                "line 2",
                assertThrows(
                                StationImportException.class,
                                () -> StationImport.csv(
                                        "id,name,kind,lon,lat,radiusM,secret\nA,\"Ok,street,120,30,10,x\n"))
                        .location());
    }

    @Test
    void aStationIdRepeatedInOneImportIsRejectedNamingBothLines() {
        StationImportException e = assertThrows(
                StationImportException.class,
                () -> StationImport.csv("id,name,kind,lon,lat,radiusM,secret\nA,x,street,1,1,1,\nA,y,street,1,1,1,\n"));
        assertEquals("line 3: station A appears again (first on line 2)", e.getMessage());
    }

    @Test
    void csvWithOnlyAHeaderHasNoStations() {
        assertThrows(StationImportException.class, () -> StationImport.csv("id,name,kind,lon,lat,radiusM,secret\n"));
    }

    @Test
    void geoJsonPointFeaturesParseWithLonLatOrder() {
        StationImport.Parsed p = StationImport.geoJson(
                """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120.1551,30.2741]},
                  "properties":{"id":"HY-0001","name":"Renmin","kind":"street","radiusM":60,"secret":"%s"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120.2,30.3]},
                  "properties":{"id":"HY-0002","name":"Mall","kind":"building","radiusM":25}}]}
                """
                        .formatted(SECRET));
        assertEquals(2, p.stations().size());
        assertEquals(120.1551, p.stations().get(0).lon());
        assertEquals(30.2741, p.stations().get(0).lat());
        assertNull(p.stations().get(1).secret());
        assertEquals(List.of("feature 1", "feature 2"), p.locations());
    }

    @Test
    void geoJsonNonPointFeatureIsReportedByItsNumber() {
        StationImportException e = assertThrows(
                StationImportException.class,
                () -> StationImport.geoJson(
                        """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120,30]},
                  "properties":{"id":"A","name":"a","kind":"street","radiusM":6}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[120,30],[121,31]]},
                  "properties":{"id":"B","name":"b","kind":"street","radiusM":6}}]}
                """));
        assertEquals("feature 2: geometry must be a Point", e.getMessage());
    }

    @Test
    void geoJsonThatIsNotAFeatureCollectionIsRejected() {
        assertEquals(
                "document",
                assertThrows(StationImportException.class, () -> StationImport.geoJson("{\"type\":\"Feature\"}"))
                        .location());
        assertEquals(
                "document",
                assertThrows(StationImportException.class, () -> StationImport.geoJson("not json"))
                        .location());
    }

    @Test
    void geoJsonFractionalRadiusIsRejected() {
        StationImportException e = assertThrows(
                StationImportException.class,
                () -> StationImport.geoJson(
                        """
                {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[120,30]},
                  "properties":{"id":"A","name":"a","kind":"street","radiusM":6.5}}]}
                """));
        assertEquals("feature 1: radiusM must be an integer number of metres", e.getMessage());
    }
}
