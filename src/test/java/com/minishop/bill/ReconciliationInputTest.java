package com.minishop.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.minishop.bill.TradeBillReader.Kind;
import com.minishop.bill.TradeBillReader.Row;
import com.minishop.web.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** What the reconciliation refuses before comparing: bad dates, and bill rows it cannot compare. */
class ReconciliationInputTest {

    private static Row row(String mchId, String outTradeNo, String outRefundNo) {
        return new Row(
                2,
                outRefundNo == null ? Kind.PAYMENT : Kind.REFUND,
                OffsetDateTime.parse("2026-12-01T10:00:00+08:00"),
                "wx1",
                mchId,
                "4200001",
                outTradeNo,
                outRefundNo == null ? "SUCCESS" : "REFUND",
                100,
                100,
                outRefundNo == null ? null : "5030001",
                outRefundNo,
                outRefundNo == null ? 0 : 50,
                outRefundNo == null ? 0 : 50,
                outRefundNo == null ? null : "SUCCESS",
                BigDecimal.ZERO,
                null);
    }

    @Test
    void datesAreDaysAsWrittenOrRefusedNamingTheField() {
        assertThat(ReconciliationResource.day("date", "2026-02-28")).isEqualTo(LocalDate.of(2026, 2, 28));
        for (String bad : new String[] {null, "", "2026-02-30", "2026-2-28", "20260228", "2026-02-28T00:00"}) {
            assertThatThrownBy(() -> ReconciliationResource.day("from", bad))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                            .isEqualTo("from"));
        }
    }

    @Test
    void rowsOfAnotherMerchantOrWithNumbersLongerThanWechatsAreNotCompared() {
        assertThat(Reconciliations.problem(row("1900000109", "ORDER-1", null), "1900000109"))
                .isNull();
        assertThat(Reconciliations.problem(row("1900000109", "ORDER-1", "RF-1"), "1900000109"))
                .isNull();
        assertThat(Reconciliations.problem(row("1900000110", "ORDER-1", null), "1900000109"))
                .contains("商户号");
        assertThat(Reconciliations.problem(row("1900000109", "O".repeat(33), null), "1900000109"))
                .contains("32");
        assertThat(Reconciliations.problem(row("1900000109", "ORDER-1", "R".repeat(65)), "1900000109"))
                .contains("64");
    }
}
