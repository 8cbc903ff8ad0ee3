package fr.facteur.web;

import fr.facteur.invoice.InvoiceLists;
import fr.facteur.invoice.InvoiceStatus;
import fr.facteur.invoice.InvoiceSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overview's chart of invoices by status over time, as SVG geometry: one stacked bar per week,
 * one segment per status. Computed here so that the template only draws rectangles.
 */
public record StatusChart(int width, int height, int maxCount, List<Bar> bars, List<Legend> legend) {

    static final int WIDTH = 760;
    static final int HEIGHT = 260;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int LEFT = 44;

    /** Colour of each status, the same in the legend and the bars. */
    private static final Map<InvoiceStatus, String> COLOURS = Map.ofEntries(
            Map.entry(InvoiceStatus.RECEIVED, "#9aa5b1"),
            Map.entry(InvoiceStatus.TO_VALIDATE, "#f0b429"),
            Map.entry(InvoiceStatus.VALIDATED, "#4098d7"),
            Map.entry(InvoiceStatus.DISPUTED, "#e12d39"),
            Map.entry(InvoiceStatus.REJECTED, "#7b1fa2"),
            Map.entry(InvoiceStatus.MANDATED, "#2bb0ed"),
            Map.entry(InvoiceStatus.PAID, "#3ebd93"),
            Map.entry(InvoiceStatus.DUPLICATE, "#cbd2d9"),
            Map.entry(InvoiceStatus.TO_CONFIRM, "#f7d070"),
            Map.entry(InvoiceStatus.DEPOSITED, "#647acb"),
            Map.entry(InvoiceStatus.SENT, "#8eedc7"),
            Map.entry(InvoiceStatus.TO_CORRECT, "#f35627"),
            Map.entry(InvoiceStatus.TO_COMPLETE, "#ff9466"),
            Map.entry(InvoiceStatus.TO_RECYCLE, "#c99a2e"),
            Map.entry(InvoiceStatus.ABANDONED, "#616e7c"),
            Map.entry(InvoiceStatus.UNFOLLOWED, "#3e4c59"));

    public record Segment(String status, String label, long count, int y, int height, String colour) {
    }

    public record Bar(LocalDate weekStart, int x, int width, long total, List<Segment> segments) {
    }

    public record Legend(String label, String colour) {
    }

    static StatusChart of(List<InvoiceLists.Week> weeks) {
        long max = Math.max(1, weeks.stream()
                .mapToLong(week -> week.statuses().stream().mapToLong(InvoiceSummary.ByStatus::count).sum())
                .max().orElse(1));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int slot = (WIDTH - LEFT) / Math.max(1, weeks.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            InvoiceLists.Week week = weeks.get(i);
            List<Segment> segments = new ArrayList<>();
            int base = HEIGHT - BOTTOM;
            long total = 0;
            for (InvoiceStatus status : InvoiceStatus.values()) {
                long count = week.statuses().stream().filter(s -> s.status().equals(status.name()))
                        .mapToLong(InvoiceSummary.ByStatus::count).sum();
                if (count == 0) {
                    continue;
                }
                int h = (int) Math.max(1, Math.round((double) count * plotHeight / max));
                base -= h;
                total += count;
                segments.add(new Segment(status.name(), status.label(), count, base, h, COLOURS.get(status)));
            }
            bars.add(new Bar(week.start(), LEFT + i * slot + slot / 6, slot * 2 / 3, total, segments));
        }
        List<Legend> legend = new ArrayList<>();
        for (InvoiceStatus status : InvoiceStatus.values()) {
            legend.add(new Legend(status.label(), COLOURS.get(status)));
        }
        return new StatusChart(WIDTH, HEIGHT, (int) max, bars, legend);
    }

    /** The y of the plot's base line (zero invoices). */
    public int baseY() {
        return HEIGHT - BOTTOM;
    }

    /** The y of the plot's top line ({@link #maxCount} invoices). */
    public int topY() {
        return TOP;
    }

    public int left() {
        return LEFT;
    }
}
