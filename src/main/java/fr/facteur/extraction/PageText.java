package fr.facteur.extraction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The words of a document with where they sit, from the PDF text layer or from Tesseract, put
 * back into lines by position. Both branches hand their words to the same field parsers, and
 * "the value printed under its label" can be found because the words keep their x position.
 */
final class PageText {

    /** A word; y grows downwards; confidence 0–1 (1 for a text layer). */
    record Word(String text, double x0, double y0, double x1, double y1, double confidence) {
        Word {
            text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replace('\u00a0', ' ').strip();
        }

        double centerY() {
            return (y0 + y1) / 2;
        }

        double height() {
            return y1 - y0;
        }
    }

    /** A printed line: its words left to right, and their text joined by single spaces. */
    record Line(List<Word> words, String text, int[] wordStarts) {

        static Line of(List<Word> words) {
            List<Word> sorted = new ArrayList<>(words);
            sorted.sort(Comparator.comparingDouble(Word::x0));
            StringBuilder text = new StringBuilder();
            int[] starts = new int[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                if (i > 0) {
                    text.append(' ');
                }
                starts[i] = text.length();
                text.append(sorted.get(i).text());
            }
            return new Line(List.copyOf(sorted), text.toString(), starts);
        }

        /** The word under character {@code index} of {@link #text()}. */
        int wordAt(int index) {
            int word = 0;
            for (int i = 0; i < wordStarts.length; i++) {
                if (wordStarts[i] <= index) {
                    word = i;
                }
            }
            return word;
        }

        double confidence() {
            return words.stream().mapToDouble(Word::confidence).average().orElse(0);
        }

        /** The words whose horizontal extent overlaps [x0, x1], joined. */
        String textBetween(double x0, double x1) {
            StringBuilder text = new StringBuilder();
            for (Word word : words) {
                if (word.x1() >= x0 && word.x0() <= x1) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(word.text());
                }
            }
            return text.toString();
        }
    }

    private final List<Line> lines;

    private PageText(List<Line> lines) {
        this.lines = lines;
    }

    List<Line> lines() {
        return lines;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text()).append('\n');
        }
        return text.toString();
    }

    /**
     * Groups the words of one page into lines: a word joins the line whose vertical middle it
     * overlaps, so two columns printed side by side read as one line, like the page does.
     */
    static List<Line> linesOf(List<Word> pageWords) {
        List<Word> words = new ArrayList<>(pageWords);
        words.removeIf(w -> w.text().isBlank());
        words.sort(Comparator.comparingDouble(Word::centerY));
        List<List<Word>> groups = new ArrayList<>();
        List<Double> centers = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        for (Word word : words) {
            int target = -1;
            for (int i = Math.max(0, groups.size() - 3); i < groups.size(); i++) {
                double tolerance = Math.max(heights.get(i), word.height()) * 0.5;
                if (Math.abs(centers.get(i) - word.centerY()) <= tolerance) {
                    target = i;
                }
            }
            if (target < 0) {
                groups.add(new ArrayList<>(List.of(word)));
                centers.add(word.centerY());
                heights.add(word.height());
            } else {
                List<Word> group = groups.get(target);
                group.add(word);
                centers.set(target, group.stream().mapToDouble(Word::centerY).average().orElse(0));
                heights.set(target, group.stream().mapToDouble(Word::height).average().orElse(0));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (List<Word> group : groups) {
            lines.add(Line.of(group));
        }
        return lines;
    }

    static PageText ofPages(List<List<Word>> pages) {
        List<Line> lines = new ArrayList<>();
        for (List<Word> page : pages) {
            lines.addAll(linesOf(page));
        }
        return new PageText(lines);
    }

    /** Plain text without positions (one word per token, one line per line). */
    static PageText ofPlainText(String text) {
        List<Line> lines = new ArrayList<>();
        double y = 0;
        for (String raw : text.split("\\R")) {
            List<Word> words = new ArrayList<>();
            double x = 0;
            for (String token : raw.strip().split("\\s+")) {
                if (!token.isEmpty()) {
                    words.add(new Word(token, x, y, x + token.length(), y + 1, 1));
                    x += token.length() + 1;
                }
            }
            if (!words.isEmpty()) {
                lines.add(Line.of(words));
            }
            y += 2;
        }
        return new PageText(lines);
    }
}
