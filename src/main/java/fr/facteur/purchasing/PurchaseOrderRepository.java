package fr.facteur.purchasing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PurchaseOrderRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = "number, supplier_siret, service_code, label, amount_ordered, amount_invoiced";

    private final JdbcClient jdbc;

    PurchaseOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or replaces the order's data, keeping what was already invoiced unless given, and
     * records the change (who, values before and after) when anything changed.
     */
    boolean upsert(PurchaseOrder order, boolean invoicedGiven, String actor) {
        Optional<PurchaseOrder> before = find(order.number());
        boolean exists = before.isPresent();
        PurchaseOrder after = jdbc.sql("""
                INSERT INTO facteur.purchase_order (number, supplier_siret, service_code, label, amount_ordered,
                    amount_invoiced)
                VALUES (:number, :siret, :service, :label, :ordered, :invoiced)
                ON CONFLICT (number) DO UPDATE SET supplier_siret = EXCLUDED.supplier_siret,
                    service_code = EXCLUDED.service_code, label = EXCLUDED.label,
                    amount_ordered = EXCLUDED.amount_ordered,
                    amount_invoiced = CASE WHEN :invoicedGiven THEN EXCLUDED.amount_invoiced
                                           ELSE purchase_order.amount_invoiced END,
                    updated_at = now()
                RETURNING\s""" + COLUMNS)
                .param("number", order.number()).param("siret", order.supplierSiret())
                .param("service", order.serviceCode()).param("label", order.label())
                .param("ordered", order.amountOrdered()).param("invoiced", order.amountInvoiced())
                .param("invoicedGiven", invoicedGiven)
                .query(PurchaseOrderRepository::map).single();
        if (before.map(old -> !old.equals(after)).orElse(true)) {
            jdbc.sql("""
                    INSERT INTO facteur.purchase_order_change (number, actor, action, old_values, new_values)
                    VALUES (:number, :actor, :action, CAST(:old AS jsonb), CAST(:new AS jsonb))""")
                    .param("number", after.number()).param("actor", actor)
                    .param("action", exists ? "UPDATED" : "CREATED")
                    .param("old", before.map(PurchaseOrderRepository::json).orElse(null))
                    .param("new", json(after))
                    .update();
        }
        return !exists;
    }

    /** The changes of an order, oldest first. */
    List<PurchaseOrderChange> changes(String number) {
        return jdbc.sql("""
                SELECT number, changed_at, actor, action, old_values::text AS old_values, new_values::text AS new_values
                FROM facteur.purchase_order_change WHERE upper(number) = upper(:number) ORDER BY id""")
                .param("number", number)
                .query((rs, n) -> new PurchaseOrderChange(rs.getString("number"),
                        rs.getObject("changed_at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("old_values"), rs.getString("new_values")))
                .list();
    }

    private static String json(PurchaseOrder order) {
        try {
            return JSON.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<PurchaseOrder> find(String number) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.purchase_order WHERE upper(number) = upper(:number)")
                .param("number", number).query(PurchaseOrderRepository::map).optional();
    }

    List<PurchaseOrder> bySupplier(String siret) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.purchase_order WHERE supplier_siret = :siret ORDER BY number")
                .param("siret", siret).query(PurchaseOrderRepository::map).list();
    }

    List<PurchaseOrder> all(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM facteur.purchase_order ORDER BY number LIMIT :limit")
                .param("limit", limit).query(PurchaseOrderRepository::map).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM facteur.purchase_order").query(Long.class).single();
    }

    void addInvoiced(String number, BigDecimal amount) {
        jdbc.sql("""
                UPDATE facteur.purchase_order SET amount_invoiced = amount_invoiced + :amount, updated_at = now()
                WHERE number = :number""")
                .param("amount", amount).param("number", number).update();
    }

    private static PurchaseOrder map(ResultSet rs, int n) throws SQLException {
        return new PurchaseOrder(rs.getString("number"), rs.getString("supplier_siret"), rs.getString("service_code"),
                rs.getString("label"), rs.getBigDecimal("amount_ordered"), rs.getBigDecimal("amount_invoiced"));
    }
}
