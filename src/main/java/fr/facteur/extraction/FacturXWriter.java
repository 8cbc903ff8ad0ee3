package fr.facteur.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.BankDetails;
import org.mustangproject.Product;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

/**
 * Builds a Factur-X (EN 16931 profile) from an invoice's confirmed header fields and its PDF, with
 * Mustang: what Facteur deposits on Chorus Pro when the document is not already a structured
 * invoice carrying those values. The confirmed fields give no lines, so the XML has one line, "Selon
 * facture jointe", at the total excluding tax and the French VAT rate that the totals show; an
 * invoice whose totals fit no single rate (several rates) is refused with a reason rather than
 * given a made-up rate. An invoice XML already inside the PDF (an older Factur-X, a ZUGFeRD) is
 * replaced, so the file carries one truth; other attachments stay. A structured invoice is not
 * rebuilt from its header but {@link #rewrite rewritten}: its lines and VAT breakdown are kept.
 */
public final class FacturXWriter {

    /** French VAT rates, in percent, tried in this order. */
    static final List<BigDecimal> FRENCH_RATES = List.of(new BigDecimal("20"), new BigDecimal("10"),
            new BigDecimal("8.5"), new BigDecimal("5.5"), new BigDecimal("2.1"), BigDecimal.ZERO);

    private static final BigDecimal CENT = new BigDecimal("0.01");

    /** The confirmed fields the XML carries. Names and addresses may be empty; the rest is required. */
    public record Content(String invoiceNumber, LocalDate issueDate, LocalDate dueDate, String currency,
                          String supplierName, String supplierSiret, String supplierVatNumber, String buyerName,
                          String buyerSiret, String serviceCode, String purchaseOrderReference, BigDecimal totalHt,
                          BigDecimal totalTva, BigDecimal totalTtc) {
    }

    /**
     * The seller as Facteur's own configuration knows it ({@code facteur.emission.sellers}): what a
     * conforming invoice needs that the confirmed fields do not carry — postal address, VAT number,
     * bank account and the three legal notes (recovery costs PMT, late-payment penalties PMD,
     * discount AAB). Any part may be null; the validator then says what is missing.
     */
    public record Seller(String name, String vatNumber, String street, String postcode, String city, String country,
                         String iban, String bic, String recoveryCostsNote, String latePenaltiesNote,
                         String discountNote) {

        /** Nothing known about the seller: the invoice carries what was confirmed, nothing more. */
        public static final Seller UNKNOWN = new Seller(null, null, null, null, null, null, null, null, null, null,
                null);
    }

    private FacturXWriter() {
    }

    /**
     * The Factur-X of {@code content} on {@code pdf}.
     *
     * @throws IllegalArgumentException with a French reason when the fields cannot make a valid
     *     Factur-X (missing field, totals that fit no single French rate) or the PDF is unusable
     */
    public static byte[] write(byte[] pdf, Content content, Seller seller) {
        byte[] xml = xml(content, seller);
        return facturX(() -> withoutInvoiceXml(pdf), "EN16931", content.supplierName(), xml, null,
                "Le PDF ne peut pas devenir une Factur-X : ");
    }

    /**
     * The Factur-X of {@code content} on a page Facteur draws itself from the confirmed data (a PDF/A-3
     * with its fonts embedded), for a source PDF that cannot be made PDF/A: that PDF, when given,
     * travels inside as an attachment ({@code facture-origine.pdf}, relationship Source), so nothing
     * is lost.
     */
    public static byte[] writeOnOwnPage(Content content, Seller seller, byte[] original) {
        byte[] xml = xml(content, seller);
        byte[] page = InvoicePage.render(content, seller, original != null);
        return facturX(() -> page, "EN16931", content.supplierName(), xml, original,
                "La Factur-X n'a pas pu être produite : ");
    }

    /** The name of the supplier's own PDF inside a Factur-X drawn by Facteur. */
    public static final String ORIGINAL_NAME = "facture-origine.pdf";

    /** The CII (EN 16931) of the confirmed fields, completed from the seller's configuration. */
    private static byte[] xml(Content content, Seller seller) {
        List<String> missing = new ArrayList<>();
        require(missing, content.invoiceNumber(), "n° de facture");
        require(missing, content.issueDate(), "date de facture");
        require(missing, content.supplierSiret(), "SIRET du fournisseur");
        require(missing, content.buyerSiret(), "SIRET du destinataire");
        require(missing, content.totalHt(), "total HT");
        require(missing, content.totalTva(), "total TVA");
        require(missing, content.totalTtc(), "total TTC");
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Factur-X impossible à construire, champ(s) manquant(s) : "
                    + String.join(", ", missing));
        }
        BigDecimal rate = vatRate(content.totalHt(), content.totalTva()).orElseThrow(() ->
                new IllegalArgumentException("Le total TVA " + content.totalTva() + " ne correspond à aucun taux "
                        + "français unique appliqué au total HT " + content.totalHt() + " (20 %, 10 %, 8,5 %, 5,5 %, "
                        + "2,1 %, 0 %) : une facture à plusieurs taux doit être produite au format Factur-X par le "
                        + "logiciel de facturation, ou déposée en mode PDF (facteur.emission.deposit-mode=PDF)."));
        TradeParty sender = party(content.supplierName() == null || content.supplierName().isBlank() ? seller.name()
                : content.supplierName(), content.supplierSiret(), seller);
        if (seller.iban() != null && !seller.iban().isBlank()) {
            sender.addBankDetails(new BankDetails(seller.iban().replace(" ", ""), seller.bic()));
        }
        Invoice invoice = new Invoice()
                .setNumber(content.invoiceNumber())
                .setIssueDate(Date.valueOf(content.issueDate()))
                .setDeliveryDate(Date.valueOf(content.issueDate()))
                .setCurrency(content.currency() == null ? "EUR" : content.currency())
                .setSender(sender)
                .setRecipient(party(content.buyerName(), content.buyerSiret(), null));
        if (content.dueDate() != null) {
            invoice.setDueDate(Date.valueOf(content.dueDate()));
        } else {
            invoice.setPaymentTermDescription(NO_DUE_DATE);
        }
        if (content.serviceCode() != null && !content.serviceCode().isBlank()) {
            invoice.setReferenceNumber(content.serviceCode());
        }
        if (content.purchaseOrderReference() != null && !content.purchaseOrderReference().isBlank()) {
            invoice.setBuyerOrderReferencedDocumentID(content.purchaseOrderReference());
        }
        Product product = new Product("Selon facture jointe", "", "C62", rate);
        if (rate.signum() == 0) {
            product.setTaxCategoryCode("E").setTaxExemptionReason("Exonération de TVA");
        }
        invoice.addItem(new Item(product, content.totalHt(), BigDecimal.ONE));
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName("EN16931"));
        provider.generateXML(invoice);
        return CiiRewriter.conform(provider.getXML(), content, seller);
    }

    /** The payment terms of an invoice confirmed without a due date (BR-CO-25 asks for one or the other). */
    static final String NO_DUE_DATE = "Paiement dans le délai global de paiement de l'acheteur public "
            + "(code de la commande publique, art. R. 2192-10 et suivants).";

    /**
     * The structured invoice — a Factur-X or ZUGFeRD 2 PDF, or a CII XML — with its XML now saying
     * what was confirmed (number, date, SIRETs, service code, engagement); its lines and VAT
     * breakdown are kept. A PDF comes back as a Factur-X PDF, an XML as an XML.
     *
     * @throws IllegalArgumentException with a French reason when it cannot be (no CII inside,
     *     ZUGFeRD 1, confirmed totals that differ from the XML's)
     */
    public static byte[] rewrite(byte[] document, Content content, Seller seller) {
        if (!DocumentTypeDetector.PDF.equals(DocumentTypeDetector.detect(document).orElse(null))) {
            return cii(document, content, seller);
        }
        byte[] xml = null;
        try (PdfReader pdf = PdfReader.open(document)) {
            for (Map.Entry<String, byte[]> file : pdf.embeddedFiles().entrySet()) {
                if (isInvoiceXml(file.getKey())) {
                    xml = file.getValue();
                }
            }
        } catch (UnreadableDocumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (xml == null) {
            throw new IllegalArgumentException("Le PDF ne contient pas de facture XML à réécrire.");
        }
        byte[] patched = cii(xml, content, seller);
        return facturX(() -> withoutInvoiceXml(document), CiiRewriter.profile(patched), content.supplierName(),
                patched, null, "Le PDF ne peut pas redevenir une Factur-X : ");
    }

    /**
     * The PDF made a Factur-X by Mustang: {@code xml} embedded, with {@code original} attached when
     * given; any failure (the PDF included) becomes an {@link IllegalArgumentException} saying
     * {@code failure} and why.
     */
    private static byte[] facturX(Supplier<byte[]> pdf, String profile, String creator, byte[] xml, byte[] original,
                                  String failure) {
        try (ZUGFeRDExporterFromA3 exporter = exporter(pdf.get(), profile, creator);
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (original != null) {
                // before the XML: setting it prepares the document, attachments included
                exporter.attachFile(ORIGINAL_NAME, original, DocumentTypeDetector.PDF, "Source");
            }
            exporter.setXML(xml);
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(failure + e.getMessage(), e);
        }
    }

    private static byte[] cii(byte[] xml, Content content, Seller seller) {
        try {
            return CiiRewriter.rewrite(xml, content, seller);
        } catch (UnreadableDocumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ZUGFeRDExporterFromA3 exporter(byte[] pdf, String profile, String creator) throws IOException {
        ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3().ignorePDFAErrors();
        exporter.load(pdf)
                .setProducer("Facteur")
                .setCreator(creator == null ? "Facteur" : creator)
                .setZUGFeRDVersion(2)
                .setProfile(Profiles.getByName(profile));
        return exporter;
    }

    /**
     * The French rate (percent) at which {@code totalHt} gives {@code totalTva} to the cent, if one
     * does; empty when none does (several rates, or a typing error).
     */
    public static Optional<BigDecimal> vatRate(BigDecimal totalHt, BigDecimal totalTva) {
        if (totalHt == null || totalTva == null) {
            return Optional.empty();
        }
        for (BigDecimal rate : FRENCH_RATES) {
            BigDecimal tax = totalHt.multiply(rate).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            if (tax.subtract(totalTva).abs().compareTo(CENT) <= 0) {
                return Optional.of(rate);
            }
        }
        return Optional.empty();
    }

    /**
     * A party with its name and, for the seller, its configured address; identifiers (SIREN, SIRET,
     * electronic address, VAT number) are added by {@link CiiRewriter#conform}, empty parts dropped there.
     */
    private static TradeParty party(String name, String siret, Seller seller) {
        String shown = name == null || name.isBlank() ? siret : name;
        if (seller == null) {
            return new TradeParty(shown, "", "", "", "FR");
        }
        return new TradeParty(shown, blank(seller.street()), blank(seller.postcode()), blank(seller.city()),
                seller.country() == null || seller.country().isBlank() ? "FR" : seller.country());
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private static void require(List<String> missing, Object value, String label) {
        if (value == null || value.toString().isBlank()) {
            missing.add(label);
        }
    }

    /** The PDF without the invoice XML files it may carry (its other attachments are kept). */
    private static byte[] withoutInvoiceXml(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            boolean changed = false;
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            if (tree != null) {
                changed = removeInvoiceXml(tree);
            }
            COSBase af = document.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.AF);
            if (af instanceof COSArray array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (array.getObject(i) instanceof COSDictionary spec && isInvoiceXml(spec.getString(COSName.UF,
                            spec.getString(COSName.F)))) {
                        array.remove(i);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return pdf;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (InvalidPasswordException e) {
            throw new IllegalArgumentException("Le PDF est chiffré : il ne peut pas devenir une Factur-X", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Le PDF est illisible : " + e.getMessage(), e);
        }
    }

    private static boolean removeInvoiceXml(PDNameTreeNode<PDComplexFileSpecification> node) throws IOException {
        boolean changed = false;
        Map<String, PDComplexFileSpecification> files = node.getNames();
        if (files != null) {
            Map<String, PDComplexFileSpecification> kept = new HashMap<>();
            files.forEach((name, file) -> {
                if (!isInvoiceXml(name)) {
                    kept.put(name, file);
                }
            });
            if (kept.size() != files.size()) {
                node.setNames(kept);
                changed = true;
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                changed |= removeInvoiceXml(kid);
            }
        }
        return changed;
    }

    private static boolean isInvoiceXml(String name) {
        return name != null && PdfReader.INVOICE_XML_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
