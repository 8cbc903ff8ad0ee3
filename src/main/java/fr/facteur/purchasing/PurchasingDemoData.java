package fr.facteur.purchasing;

import fr.facteur.config.ClusterLock;
import java.io.StringReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** A few purchase orders of the emulator's suppliers, in an empty referential of the default run. */
@Component
public class PurchasingDemoData implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PurchasingDemoData.class);

    private static final String DEMO_ORDERS = """
            numero;siret_fournisseur;code_service;libelle;montant_commande;montant_facture
            EJ2025-0001;44105523000029;SERV_FINANCES;Fournitures de bureau 2025;5 000,00;0
            EJ2025-0002;81234567800013;SERV_TECHNIQUES;Réfection de la toiture de l'école;48 000,00;12 500,00
            EJ2025-0003;51234567800019;ACHATS;Renouvellement du parc informatique;30 000,00;0
            EJ2025-0004;51234567800019;ACHATS;Licences et assistance;8 400,00;2 100,00
            """;

    private final PurchasingService purchasing;
    private final PurchasingProperties properties;
    private final ClusterLock cluster;

    public PurchasingDemoData(PurchasingService purchasing, PurchasingProperties properties, ClusterLock cluster) {
        this.purchasing = purchasing;
        this.properties = properties;
        this.cluster = cluster;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.seedDemoOrders()) {
            return;
        }
        // two nodes starting together: one creates them, the other then finds them
        cluster.inTransactionAlone("seed:demo-orders", () -> {
            if (purchasing.count() == 0) {
                PurchasingService.ImportReport report = purchasing.importCsv(new StringReader(DEMO_ORDERS));
                log.info("Demo purchase orders created: {}", report.created());
            }
            return null;
        });
    }
}
