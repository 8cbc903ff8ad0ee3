package fr.facteur.chorus.emulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acting as the other parties in demos and tests (login required): new invoices arriving from
 * suppliers, a supplier completing a suspended invoice, the finance side marking one paid — and
 * the fault injection switch and a token revocation.
 */
@RestController
@ConditionalOnEmulator
@RequestMapping("/emulator/control")
class EmulatorControlController {

    private final EmulatorStore store;
    private final EmulatorSeeder seeder;
    private final EmulatorFaults faults;
    private final EmulatorTokens tokens;
    private final EmulatorTechnicalAccount account;
    private final Random random = new Random();

    EmulatorControlController(EmulatorStore store, EmulatorSeeder seeder, EmulatorFaults faults,
                              EmulatorTokens tokens, EmulatorTechnicalAccount account) {
        this.store = store;
        this.seeder = seeder;
        this.faults = faults;
        this.tokens = tokens;
        this.account = account;
    }

    /** Body: {@code {"passwordExpiresOn": "2026-12-14"}} — the day Chorus Pro gives for the technical password. */
    record TechnicalAccount(LocalDate passwordExpiresOn) {
    }

    @PutMapping("/technical-account")
    ResponseEntity<Map<String, Object>> technicalAccount(@RequestBody TechnicalAccount change) {
        if (change.passwordExpiresOn() == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "passwordExpiresOn attendu (AAAA-MM-JJ)"));
        }
        account.passwordExpiresOn(change.passwordExpiresOn());
        return ResponseEntity.ok(Map.of("passwordExpiresOn", change.passwordExpiresOn().toString()));
    }

    /**
     * The invoices the emulator holds, the most recent first, with their status ({@code ?statut=}
     * keeps one status; {@code ?limit=}, 100 by default, at most 1,000).
     */
    @GetMapping("/invoices")
    List<EmulatorStore.Listed> invoices(@RequestParam(required = false) String statut,
                                        @RequestParam(defaultValue = "100") int limit) {
        return store.listFactures(statut == null || statut.isBlank() ? null : statut, Math.max(1, Math.min(limit, 1_000)));
    }

    /**
     * Body: {@code {"count": 10, "status": "MISE_A_DISPOSITION", "facturX": true}} (all optional;
     * by default one invoice in three is a Factur-X, which takes Mustang about half a second).
     */
    record NewInvoices(Integer count, String status, Boolean facturX) {
    }

    @PostMapping("/invoices")
    @Transactional
    ResponseEntity<Map<String, Object>> newInvoices(@RequestBody(required = false) NewInvoices request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        if (count < 1 || count > 20_000) {
            return ResponseEntity.badRequest().body(Map.of("error", "count doit être entre 1 et 20000"));
        }
        String status = request == null || request.status() == null ? "MISE_A_DISPOSITION" : request.status();
        int base = (int) store.countFactures();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean facturX = request == null || request.facturX() == null
                    ? (base + i) % EmulatorSeeder.FACTUR_X_EVERY == 0 : request.facturX();
            ids.add(seeder.createInvoice(random, base + i, status, now, facturX));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("idFactures", ids));
    }

    /** Body: {@code {"montantTtc": 1250.00}} — the invoice's PIVOT file will give this total TTC (a fault to test). */
    record PivotFault(BigDecimal montantTtc) {
    }

    @PostMapping("/invoices/{id}/pivot")
    @Transactional
    ResponseEntity<Map<String, Object>> pivotFault(@PathVariable long id, @RequestBody PivotFault fault) {
        if (store.factureForUpdate(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        store.setPivotMontantTtc(id, fault.montantTtc());
        return ResponseEntity.ok(Map.of("idFacture", id, "pivotMontantTtc", String.valueOf(fault.montantTtc())));
    }

    /**
     * Body: {@code {"statut": "COMPLETEE", "commentaire": "Bon de livraison ajouté",
     * "pieceJointeNom": "bon-livraison.pdf", "pieceJointeFichier": "<Base64>", "utilisateurPrenom": "Paul",
     * "utilisateurNom": "Durand"}} — the file, optional, is joined as the supplier's completer would
     * (complementary attachment, type 02); the user, optional, is who Chorus Pro's history names.
     */
    record StatusChange(String statut, String commentaire, String pieceJointeNom, byte[] pieceJointeFichier,
                        String utilisateurPrenom, String utilisateurNom) {
    }

    @PostMapping("/invoices/{id}/status")
    @Transactional
    ResponseEntity<Map<String, Object>> setStatus(@PathVariable long id, @RequestBody StatusChange change) {
        if (change.statut() == null || !change.statut().matches("[A-Z_0-9]{3,60}")) {
            return ResponseEntity.badRequest().body(Map.of("error", "statut invalide"));
        }
        if (store.factureForUpdate(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (change.pieceJointeFichier() != null && change.pieceJointeFichier().length > 0) {
            String name = change.pieceJointeNom() == null ? "piece-jointe.pdf" : change.pieceJointeNom();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : null;
            store.insertPieceJointe(name, "application/pdf", extension, change.pieceJointeFichier(), id, "02");
        }
        store.changeStatus(id, change.statut(), change.commentaire(), OffsetDateTime.now(ZoneOffset.UTC),
                new EmulatorStore.Auteur(change.utilisateurPrenom(), change.utilisateurNom()));
        return ResponseEntity.ok(Map.of("idFacture", id, "statut", change.statut()));
    }

    /** Body: {@code {"serverErrorRate": 0.3, "tooManyRequestsRate": 0.1, "slowRate": 0, "slowDelayMillis": 0}}. */
    record Faults(double serverErrorRate, double tooManyRequestsRate, double slowRate, long slowDelayMillis) {
    }

    @PutMapping("/faults")
    ResponseEntity<Object> setFaults(@RequestBody Faults request) {
        try {
            faults.set(new EmulatorFaults.Settings(request.serverErrorRate(), request.tooManyRequestsRate(),
                    request.slowRate(), Duration.ofMillis(request.slowDelayMillis())));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
        return ResponseEntity.ok(faults());
    }

    @GetMapping("/faults")
    Faults faults() {
        EmulatorFaults.Settings settings = faults.settings();
        return new Faults(settings.serverErrorRate(), settings.tooManyRequestsRate(), settings.slowRate(),
                settings.slowDelay().toMillis());
    }

    /** The gateway forgets every token it issued: clients must get a new one after their next 401. */
    @PostMapping("/tokens/revoke")
    ResponseEntity<Void> revokeTokens() {
        tokens.revokeAll();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        return Map.of("invoices", store.countFactures(), "tokensIssued", tokens.issuedCount());
    }
}
