package fr.facteur.purchasing;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/** One change of the purchase-order referential: who, when, and the order's values before and after (JSON). */
public record PurchaseOrderChange(String number, OffsetDateTime changedAt, String actor, String action,
                                  @JsonRawValue String before, @JsonRawValue String after) {
}
