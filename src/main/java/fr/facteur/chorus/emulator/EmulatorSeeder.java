package fr.facteur.chorus.emulator;

import fr.facteur.chorus.ChorusProperties;
import fr.facteur.config.ClusterLock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Demo data of an empty emulator: two public recipient structures with their services, several
 * suppliers (fictitious, valid SIRETs), our own supplier structure for emission, and received
 * invoices in various statuses with their PDFs. Also makes new invoices on demand.
 */
@Component
@ConditionalOnEmulator
class EmulatorSeeder implements SmartInitializingSingleton {

    static final String COMMUNE_SIRET = "21345000100010";
    static final String HOSPITAL_SIRET = "26759000200015";
    static final String OWN_SUPPLIER_SIRET = "90000000000019";

    /**
     * The emission side: suppliers our account deposits for (the demo company and the sellers of two
     * corpus invoices) and public recipients that are not ours, so an emitted invoice never comes
     * back through our own relève. The département requires a service code.
     */
    private static final List<Partner> EMISSION_PARTNERS = List.of(
            new Partner("12345678200077", "LE FOURNISSEUR", false, false, List.of()),
            new Partner("99999999800019", "Au bon moulin", false, false, List.of()),
            new Partner("22450000100009", "Département du Val-de-Brenne", true, true,
                    List.of(new PartnerService("DGS_FINANCES", "Direction des finances", true),
                            new PartnerService("ARCHIVES", "Archives départementales (fermé)", false))),
            new Partner("98765432100007", "LE CLIENT (syndicat intercommunal)", true, false, List.of()),
            new Partner("78787878400018", "Ma jolie boutique SARL (régie municipale)", true, false,
                    List.of(new PartnerService("120943", "Régie des marchés", true))),
            // requires a legal commitment (EJ) on its invoices; two exist on Chorus Pro
            new Partner("11000201100044", "Ministère des Archives (EJ obligatoire)", true, false, List.of(),
                    true, List.of("2100456789", "2100456790")));

    private record Partner(String siret, String name, boolean publique, boolean serviceObligatoire,
                           List<PartnerService> services, boolean ejObligatoire, List<String> engagements) {

        Partner(String siret, String name, boolean publique, boolean serviceObligatoire, List<PartnerService> services) {
            this(siret, name, publique, serviceObligatoire, services, false, List.of());
        }
    }

    private record PartnerService(String code, String label, boolean active) {
    }

    /** One invoice in three arrives as a Factur-X (EN 16931), the others as plain PDFs. */
    static final int FACTUR_X_EVERY = 3;

    /**
     * The seeded invoice that carries a demo purchase order (Facteur's demo orders, {@code
     * facteur.purchasing.seed-demo-orders}): Informatique Lefèvre to the hospital's purchasing
     * service, about 7,200 € TTC, waiting for its validation — the default run shows a match.
     */
    static final int MATCHING_INVOICE = 5;
    static final String MATCHING_ORDER = "EJ2025-0003";

    private static final Logger log = LoggerFactory.getLogger(EmulatorSeeder.class);

    private static final List<Supplier> SUPPLIERS = List.of(
            new Supplier("44105523000029", "Papeterie Durand SARL", "12 rue des Lilas, 45000 Orléans",
                    List.of("Ramettes de papier A4 80 g", "Classeurs à levier", "Cartouches d'encre noire")),
            new Supplier("81234567800013", "Bâtiment Martin & Fils", "3 avenue du Port, 44000 Nantes",
                    List.of("Réfection de toiture (m²)", "Main-d'œuvre (heure)", "Évacuation des gravats")),
            new Supplier("51234567800019", "Informatique Lefèvre SAS", "8 boulevard Haussmann, 75009 Paris",
                    List.of("Ordinateur portable 14 pouces", "Licence logicielle annuelle", "Journée d'assistance")));

    private record Supplier(String siret, String name, String address, List<String> products) {
    }

    private final EmulatorStore store;
    private final ChorusProperties properties;
    private final ClusterLock cluster;

    EmulatorSeeder(EmulatorStore store, ChorusProperties properties, ClusterLock cluster) {
        this.store = store;
        this.properties = properties;
        this.cluster = cluster;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.emulator().seed()) {
            return;
        }
        // two nodes starting together: one seeds, the other then finds the structures
        cluster.inTransactionAlone("seed:chorus-emulator", () -> {
            seed();
            return null;
        });
    }

    /** Runs in the cluster lock's transaction. */
    private void seed() {
        if (store.countStructures() > 0) {
            seedEmissionPartners();
            return;
        }
        long commune = store.insertStructure(COMMUNE_SIRET, "Commune de Montreuil-sur-Loire", true, true, false,
                true, false);
        store.insertService(commune, "SERV_FINANCES", "Direction des finances", true);
        store.insertService(commune, "SERV_TECHNIQUES", "Services techniques", true);
        store.insertService(commune, "SERV_ANCIEN", "Ancien service (fermé)", false);
        long hospital = store.insertStructure(HOSPITAL_SIRET, "Centre hospitalier de Vallon", true, true, false,
                false, true);
        store.insertService(hospital, "ACHATS", "Service des achats", true);
        for (Supplier supplier : SUPPLIERS) {
            store.insertStructure(supplier.siret(), supplier.name(), false, false, false, false, false);
        }
        store.insertStructure(OWN_SUPPLIER_SIRET, "Facteur Démo SARL", false, false, true, false, false);
        seedEmissionPartners();

        String[] statuses = {"MISE_A_DISPOSITION", "MISE_A_DISPOSITION", "MISE_A_DISPOSITION",
            "MISE_A_DISPOSITION", "MISE_A_DISPOSITION", "MISE_A_DISPOSITION", "SERVICE_FAIT", "MANDATEE",
            "SUSPENDUE", "COMPLETEE", "REJETEE", "MISE_EN_PAIEMENT"};
        Random random = new Random(2025);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < statuses.length; i++) {
            createInvoice(random, i, statuses[i], now.minusDays(20 - i).minusMinutes(random.nextInt(600)),
                    i % FACTUR_X_EVERY == 0, i == MATCHING_INVOICE ? MATCHING_ORDER : null);
        }
        log.info("Chorus Pro emulator seeded: 2 recipient structures, {} suppliers, {} invoices",
                SUPPLIERS.size() + 1, statuses.length);
    }

    /** Adds the emission partners an older emulator database does not have yet. */
    private void seedEmissionPartners() {
        for (Partner partner : EMISSION_PARTNERS) {
            if (store.structureByIdentifiant(partner.siret()).isPresent()) {
                continue;
            }
            long id = store.insertStructure(partner.siret(), partner.name(), partner.publique(), false,
                    !partner.publique(), partner.serviceObligatoire(), partner.ejObligatoire());
            partner.engagements().forEach(numero -> store.insertEngagement(id, numero));
            for (PartnerService service : partner.services()) {
                store.insertService(id, service.code(), service.label(), service.active());
            }
        }
    }

    /** One new received invoice, for demos, tests and benchmarks; returns its idFacture. */
    long createInvoice(Random random, int index, String status, OffsetDateTime statusTime, boolean facturX) {
        return createInvoice(random, index, status, statusTime, facturX, null);
    }

    private long createInvoice(Random random, int index, String status, OffsetDateTime statusTime, boolean facturX,
                               String order) {
        Supplier supplier = SUPPLIERS.get(index % SUPPLIERS.size());
        boolean toCommune = index % 2 == 0;
        EmulatorStore.Structure recipient = store.structureByIdentifiant(toCommune ? COMMUNE_SIRET : HOSPITAL_SIRET)
                .orElseThrow();
        EmulatorStore.ServiceRow service = store.services(recipient.id()).stream()
                .filter(EmulatorStore.ServiceRow::actif).toList().get(index % (toCommune ? 2 : 1));
        long supplierId = store.structureByIdentifiant(supplier.siret()).orElseThrow().id();
        LocalDate date = statusTime.toLocalDate().minusDays(2);
        String number = "F" + date.getYear() + "-" + String.format("%05d", 1 + index);
        String purchaseOrder = toCommune ? null : "EJ" + (1_000_000 + random.nextInt(8_999_999));
        if (order != null) {
            purchaseOrder = order;
        }
        List<DemoInvoicePdf.Line> lines = supplier.products().stream().limit(1 + random.nextInt(3))
                .map(product -> new DemoInvoicePdf.Line(product, BigDecimal.valueOf(1 + random.nextInt(20)),
                        BigDecimal.valueOf(500 + random.nextInt(50_000), 2)))
                .toList();
        DemoInvoicePdf.Content content = new DemoInvoicePdf.Content(supplier.name(), supplier.siret(),
                supplier.address(), recipient.designation(), recipient.identifiant(), service.code(), number, date,
                date.plusDays(30), purchaseOrder, lines, new BigDecimal("0.20"));
        byte[] pdf = DemoInvoicePdf.render(content);
        return store.insertFacture(new EmulatorStore.NewFacture(number, supplierId, recipient.id(), service.id(),
                        "FACTURE", date, date.plusDays(1), date.plusDays(30), content.totalHt(), content.totalTva(),
                        content.totalTtc(), purchaseOrder, status, statusTime, facturX ? "DEPOT_FLUX" : "DEPOT_PDF_API",
                        null, facturX ? DemoFacturX.embed(content, pdf) : pdf))
                .orElseThrow(() -> new IllegalStateException("Invoice number " + number + " already used"));
    }
}
