package org.bikeguard.claims.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} fen = {1} = {2}")
    @CsvSource({
        "120000, '1,200.00', 壹仟贰佰元整",
        "80000, 800.00, 捌佰元整",
        "50000, 500.00, 伍佰元整",
        "12000, 120.00, 壹佰贰拾元整",
        "14500, 145.00, 壹佰肆拾伍元整",
        "1500000, '15,000.00', 壹万伍仟元整",
        "12000000, '120,000.00', 壹拾贰万元整",
        "10000000, '100,000.00', 壹拾万元整",
        "100500, '1,005.00', 壹仟零伍元整",
        "1000100, '10,001.00', 壹万零壹元整",
        "328, 3.28, 叁元贰角捌分",
        "305, 3.05, 叁元零伍分",
        "50, 0.50, 伍角整",
        "0, 0.00, 零元整",
    })
    void amountsAreWrittenInYuanAndInChineseCapitals(long fen, String yuan, String upper) {
        assertEquals(yuan, Money.yuan(fen));
        assertEquals(upper, Money.upper(fen));
    }
}
