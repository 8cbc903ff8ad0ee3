package fr.facteur.purchasing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PurchaseOrderRepository {

    private static final String COLUMNS = "number, supplier_siret, service_code, label, amount_ordered, amount_invoiced";

    private final JdbcClient jdbc;

    PurchaseOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or replaces the order's data, keeping what was already invoiced unless given. */
    boolean upsert(PurchaseOrder order, boolean invoicedGiven) {
        boolean exists = find(order.number()).isPresent();
        jdbc.sql("""
                INSERT INTO facteur.purchase_order (number, supplier_siret, service_code, label, amount_ordered,
                    amount_invoiced)
                VALUES (:number, :siret, :service, :label, :ordered, :invoiced)
                ON CONFLICT (number) DO UPDATE SET supplier_siret = EXCLUDED.supplier_siret,
                    service_code = EXCLUDED.service_code, label = EXCLUDED.label,
                    amount_ordered = EXCLUDED.amount_ordered,
                    amount_invoiced = CASE WHEN :invoicedGiven THEN EXCLUDED.amount_invoiced
                                           ELSE purchase_order.amount_invoiced END,
                    updated_at = now()""")
                .param("number", order.number()).param("siret", order.supplierSiret())
                .param("service", order.serviceCode()).param("label", order.label())
                .param("ordered", order.amountOrdered()).param("invoiced", order.amountInvoiced())
                .param("invoicedGiven", invoicedGiven)
                .update();
        return !exists;
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
