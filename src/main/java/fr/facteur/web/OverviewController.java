package fr.facteur.web;

import fr.facteur.invoice.Direction;
import fr.facteur.invoice.FrenchText;
import fr.facteur.invoice.IndexField;
import fr.facteur.invoice.Channel;
import fr.facteur.invoice.ChorusStatusChange;
import fr.facteur.invoice.ChorusStep;
import fr.facteur.invoice.Invoice;
import fr.facteur.invoice.InvoiceAudit;
import fr.facteur.invoice.InvoiceClassifier;
import fr.facteur.invoice.InvoiceDocument;
import fr.facteur.invoice.InvoiceExtractions;
import fr.facteur.invoice.InvoiceLists;
import fr.facteur.invoice.InvoiceSearch;
import fr.facteur.invoice.InvoiceService;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.InvoiceSummary;
import fr.facteur.invoice.StatusChange;
import fr.facteur.process.InvoiceProcesses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The managers' overview ({@code /apercu/}), rendered on the server in French: where the received
 * invoices stand, how that evolved, the lists to act on (with filters and a CSV export), a search,
 * and the page of each invoice with its documents, histories, audit trail and process position.
 */
@Controller
public class OverviewController {

    /** Invoices per page of a list. */
    static final int PAGE_SIZE = 50;
    /** Weeks in the chart. */
    static final int WEEKS = 12;


    private final InvoiceSummary summary;
    private final InvoiceLists lists;
    private final InvoiceService invoices;
    private final InvoiceAudit audit;
    private final InvoiceExtractions extractions;
    private final InvoiceClassifier classifier;
    private final InvoiceSearch search;
    private final InvoiceProcesses processes;

    public OverviewController(InvoiceSummary summary, InvoiceLists lists, InvoiceService invoices, InvoiceAudit audit,
                              InvoiceExtractions extractions, InvoiceClassifier classifier, InvoiceSearch search,
                              InvoiceProcesses processes) {
        this.summary = summary;
        this.lists = lists;
        this.invoices = invoices;
        this.audit = audit;
        this.extractions = extractions;
        this.classifier = classifier;
        this.search = search;
        this.processes = processes;
    }

    @GetMapping("/apercu")
    public String root() {
        return "redirect:/apercu/";
    }

    @GetMapping("/apercu/")
    public String overview(Model model) {
        model.addAttribute("summary", summary.received());
        model.addAttribute("statusLabels", statusLabels());
        model.addAttribute("kinds", InvoiceLists.Kind.values());
        model.addAttribute("chart", StatusChart.of(lists.statusesByWeek(WEEKS)));
        return "apercu/index";
    }

    /**
     * The parameters of a list page and of its CSV export (French names: they are in the URLs users
     * see and bookmark).
     */
    public record ListQuery(String liste, String fournisseur, Channel canal, InvoiceStatus statut,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate du,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate au,
                            BigDecimal min, BigDecimal max, Integer page) {

        InvoiceLists.Kind kind() {
            try {
                return InvoiceLists.Kind.fromSlug(liste == null ? InvoiceLists.Kind.ALL.slug() : liste);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }

        InvoiceLists.Filter filter() {
            return new InvoiceLists.Filter(fournisseur, canal, statut, du, au, min, max);
        }

        int pageNumber() {
            return page == null ? 0 : Math.max(0, page);
        }

        /** This list with its filters at {@code path} (the page, its CSV), on page {@code page} if given. */
        public String href(String path, Integer page) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("liste", kind().slug());
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("fournisseur", fournisseur);
            filters.put("canal", canal);
            filters.put("statut", statut);
            filters.put("du", du);
            filters.put("au", au);
            filters.put("min", min);
            filters.put("max", max);
            filters.put("page", page);
            filters.forEach((name, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    uri.queryParam(name, value);
                }
            });
            return uri.encode().build().toUriString();
        }
    }

    @GetMapping("/apercu/factures")
    public String list(ListQuery query, Model model) {
        InvoiceLists.Kind kind = query.kind();
        InvoiceSummary.Count count = lists.count(kind, query.filter());
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", InvoiceLists.Kind.values());
        model.addAttribute("rows", lists.page(kind, query.filter(), query.pageNumber(), PAGE_SIZE));
        model.addAttribute("count", count);
        model.addAttribute("page", query.pageNumber());
        model.addAttribute("pages", Math.max(1, (count.count() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("statuses", InvoiceStatus.values());
        model.addAttribute("filters", query);
        return "apercu/factures";
    }

    /** The list as CSV (semicolons, decimal commas, UTF-8 with BOM: opens as it is in a French spreadsheet). */
    @GetMapping("/apercu/factures.csv")
    public void export(ListQuery query, HttpServletResponse response) throws IOException {
        InvoiceLists.Kind kind = query.kind();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"factures-" + kind.slug() + "-"
                + LocalDate.now(PageFormats.PARIS) + ".csv\"");
        PrintWriter out = response.getWriter();
        out.write('\uFEFF');
        out.write(CsvExport.HEADER);
        lists.each(kind, query.filter(), row -> out.write(CsvExport.line(row)));
        out.flush();
    }

    @GetMapping("/apercu/recherche")
    public String search(@RequestParam(name = "q", defaultValue = "") String query, Model model) {
        model.addAttribute("q", query);
        model.addAttribute("found", query.isBlank() ? List.of() : search.search(query));
        return "apercu/recherche";
    }

    @GetMapping("/apercu/factures/{id}")
    public String invoice(@PathVariable long id, Model model) {
        Invoice invoice = invoices.get(id);
        List<InvoiceDocument> documents = invoices.documents(id);
        model.addAttribute("invoice", invoice);
        model.addAttribute("fields", fields(invoice));
        model.addAttribute("documents", documents);
        model.addAttribute("mainDocument", documents.stream()
                .filter(d -> d.role().name().equals("MAIN")).findFirst().orElse(null));
        model.addAttribute("payment", invoices.payment(id).orElse(null));
        model.addAttribute("history", history(id));
        model.addAttribute("trail", audit.trail(id));
        model.addAttribute("extraction", extractions.find(id).orElse(null));
        model.addAttribute("classification", classifier.classification(invoice));
        model.addAttribute("retainUntil", invoices.retainUntil(id).orElse(null));
        model.addAttribute("processes", processes(invoice));
        model.addAttribute("tasks", processes.openTasks(invoice).stream()
                .map(OverviewController::task).toList());
        return "apercu/facture";
    }

    /** A process instance of the invoice and where it stands. */
    public record ProcessView(String id, String definitionKey, String state, String started, String ended,
                              List<String> currentActivities, String cockpitLink) {
    }

    /** An open task of the invoice, with its Tasklist link. */
    public record TaskView(String name, String assignee, String tasklistLink) {
    }

    /** A line of the invoice's status history, ours or Chorus Pro's. */
    public record HistoryLine(OffsetDateTime at, String who, String what, String comment) {
    }

    /** Our status changes and those seen on Chorus Pro, in the order they happened. */
    private List<HistoryLine> history(long invoiceId) {
        List<HistoryLine> lines = new ArrayList<>();
        for (StatusChange change : invoices.history(invoiceId)) {
            lines.add(new HistoryLine(change.changedAt(), change.changedBy(),
                    (change.from() == null ? "" : change.from().label() + " → ") + change.to().label(), change.comment()));
        }
        // Chorus Pro's own history (every step, who, why) once read; until then what the relève saw
        List<ChorusStep> steps = invoices.chorusSteps(invoiceId);
        for (ChorusStep step : steps) {
            if (step.passedAt() != null) {
                lines.add(new HistoryLine(step.passedAt(), step.author() == null ? "Chorus Pro" : step.author() + " (Chorus Pro)",
                        "Chorus Pro : " + PageFormats.chorusStatus(step.status()), step.comment()));
            }
        }
        if (steps.isEmpty()) {
            for (ChorusStatusChange change : invoices.chorusHistory(invoiceId)) {
                lines.add(new HistoryLine(change.seenAt(), "Chorus Pro", "Chorus Pro : "
                        + (change.from() == null ? "" : PageFormats.chorusStatus(change.from()) + " → ")
                        + PageFormats.chorusStatus(change.to()), null));
            }
        }
        lines.sort(Comparator.comparing(HistoryLine::at));
        return lines;
    }

    /** A labelled field of the invoice page. */
    public record FieldView(String label, Object value) {
    }

    private List<ProcessView> processes(Invoice invoice) {
        return processes.runs(invoice).stream().map(run -> new ProcessView(run.id(), run.definitionKey(),
                state(run.state()), PageFormats.minute(run.started()), PageFormats.minute(run.ended()), run.currentActivities(),
                run.running() ? "/camunda/app/cockpit/default/#/process-instance/" + run.id() + "/runtime" : null))
                .toList();
    }

    private static String state(String state) {
        return switch (state) {
            case "ACTIVE" -> "en cours";
            case "SUSPENDED" -> "suspendue";
            case "COMPLETED" -> "terminée";
            case "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED" -> "arrêtée";
            default -> state;
        };
    }

    private static TaskView task(InvoiceProcesses.OpenTask task) {
        return new TaskView(task.name(), task.assignee(), "/camunda/app/tasklist/default/#/?task=" + task.id());
    }

    private static List<FieldView> fields(Invoice invoice) {
        boolean emitted = invoice.direction() == Direction.EMITTED;
        List<FieldView> fields = new ArrayList<>();
        for (IndexField field : IndexField.values()) {
            Object value = field.valueIn(invoice.index());
            Object shown = value instanceof LocalDate date ? FrenchText.day(date)
                    : value instanceof BigDecimal total ? PageFormats.amount(total) : value;
            fields.add(new FieldView(emitted ? field.emissionLabel() : field.label(), shown));
        }
        fields.add(new FieldView("Canal", invoice.channel().name()));
        fields.add(new FieldView("Reçue le", FrenchText.day(invoice.receivedOn())));
        fields.add(new FieldView("Identifiant Chorus Pro", invoice.chorusId()));
        return fields;
    }

    private static Map<String, String> statusLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (InvoiceStatus status : InvoiceStatus.values()) {
            labels.put(status.name(), status.label());
        }
        return labels;
    }
}
