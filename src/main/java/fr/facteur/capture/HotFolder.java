package fr.facteur.capture;

import fr.facteur.invoice.Channel;
import fr.facteur.invoice.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hot folder: every file dropped in {@code facteur.capture.folder} (received invoices) or
 * {@code facteur.capture.emission-folder} (invoices to emit) becomes an invoice through
 * the intake, then moves to {@code done/}; a refused file moves to {@code failed/} beside a
 * {@code .raison.txt} saying why. Nothing is ever deleted. A file is taken only once its size has
 * stopped changing (a scanner may still be writing it); when the intake fails for a technical
 * reason (database down), the file stays where it is and is tried again at the next look.
 */
public class HotFolder {

    static final String DONE = "done";
    static final String FAILED = "failed";
    private static final Logger log = LoggerFactory.getLogger(HotFolder.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-");
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final Path folder;
    private final Direction direction;
    private final IntakeService intake;
    private final Map<Path, Long> sizes = new HashMap<>();

    /** {@code direction}: invoices received (reception circuit) or to emit (emission circuit). */
    public HotFolder(Path folder, Direction direction, IntakeService intake) {
        this.folder = folder;
        this.direction = direction;
        this.intake = intake;
    }

    /** Looks at the folder once; returns how many files were taken in (done or failed). */
    public synchronized int scan() {
        try {
            Files.createDirectories(folder.resolve(DONE));
            Files.createDirectories(folder.resolve(FAILED));
            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            }
            int handled = 0;
            for (Path file : files) {
                if (settled(file) && take(file)) {
                    handled++;
                }
            }
            sizes.keySet().retainAll(files);
            return handled;
        } catch (IOException e) {
            throw new UncheckedIOException("Le dossier surveillé " + folder + " ne peut pas être lu", e);
        }
    }

    /** True once the file had the same size at the previous look and was not modified just now. */
    private boolean settled(Path file) throws IOException {
        long size = Files.size(file);
        Long previous = sizes.put(file, size);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return previous != null && previous == size && modified.isBefore(Instant.now().minus(SETTLE));
    }

    private boolean take(Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] content = Files.readAllBytes(file);
        try {
            IntakeResult result = intake.receive(new IntakeRequest(content, name, direction, Channel.FOLDER,
                    "dossier:" + folder.getFileName()));
            Path target = move(file, DONE);
            log.info("Hot folder: {} → invoice {}{} ({})", name, result.invoice().id(),
                    result.created() ? "" : " (already received)", target.getFileName());
        } catch (RejectedDocumentException e) {
            Path target = move(file, FAILED);
            Files.writeString(target.resolveSibling(target.getFileName() + ".raison.txt"), e.getMessage() + "\n",
                    StandardCharsets.UTF_8);
            log.warn("Hot folder: {} refused: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Hot folder: {} could not be taken in, will try again: {}", name, e.getMessage());
            return false;
        }
        sizes.remove(file);
        return true;
    }

    /** Moves a file into a sub-folder, prefixing a timestamp when a file of that name is there. */
    private Path move(Path file, String subFolder) throws IOException {
        Path target = folder.resolve(subFolder).resolve(file.getFileName());
        if (Files.exists(target)) {
            target = target.resolveSibling(STAMP.format(LocalDateTime.now()) + file.getFileName());
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
