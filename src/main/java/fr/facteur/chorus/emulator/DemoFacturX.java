package fr.facteur.chorus.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

/**
 * Turns a demo invoice PDF into a Factur-X (EN 16931 profile) with Mustang, as many suppliers'
 * software does: SIRETs with scheme 0009, the service code as BuyerReference (BT-10) and the
 * engagement as the buyer's order reference (BT-13), where Chorus Pro reads them.
 */
final class DemoFacturX {

    private static final String ISO_6523_SIRET = "0009";

    private DemoFacturX() {
    }

    static byte[] embed(DemoInvoicePdf.Content c, byte[] pdf) {
        TradeParty seller = new TradeParty(c.supplierName(), c.supplierAddress(), "00000", "France", "FR")
                .setLegalOrganisation(new LegalOrganisation(new SchemedID(ISO_6523_SIRET, c.supplierSiret()),
                        c.supplierName()))
                .setVATID("FR00" + c.supplierSiret().substring(0, 9));
        TradeParty buyer = new TradeParty(c.buyerName(), "Hôtel de ville", "00000", "France", "FR")
                .setLegalOrganisation(new LegalOrganisation(new SchemedID(ISO_6523_SIRET, c.buyerSiret()),
                        c.buyerName()));
        Invoice invoice = new Invoice()
                .setNumber(c.number())
                .setIssueDate(Date.valueOf(c.date()))
                .setDeliveryDate(Date.valueOf(c.date()))
                .setCurrency("EUR")
                .setSender(seller)
                .setRecipient(buyer);
        if (c.dueDate() != null) {
            invoice.setDueDate(Date.valueOf(c.dueDate()));
        }
        if (c.serviceCode() != null) {
            invoice.setReferenceNumber(c.serviceCode());
        }
        if (c.purchaseOrder() != null) {
            invoice.setBuyerOrderReferencedDocumentID(c.purchaseOrder());
        }
        for (DemoInvoicePdf.Line line : c.lines()) {
            invoice.addItem(new Item(new Product(line.designation(), "", "C62", c.vatRate().movePointRight(2)),
                    line.unitPrice(), line.quantity()));
        }
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3().ignorePDFAErrors();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            exporter.load(pdf)
                    .setProducer("Facteur — émulateur Chorus Pro")
                    .setCreator(c.supplierName())
                    .setZUGFeRDVersion(2)
                    .setProfile(Profiles.getByName("EN16931"));
            exporter.setTransaction(invoice);
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
