package fr.facteur.capture;

import fr.facteur.config.ClusterLock;
import fr.facteur.invoice.Direction;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the channels that poll: the hot folders (when {@code facteur.capture.folder} or
 * {@code facteur.capture.emission-folder} is set) and
 * the IMAP mailbox (when {@code facteur.capture.mail.host} is set), each on its own schedule.
 */
@Component
public class CaptureChannels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureChannels.class);

    private final CaptureProperties properties;
    private final HotFolder hotFolder;
    private final HotFolder emissionFolder;
    private final MailChannel mail;
    private final ClusterLock cluster;
    private ScheduledExecutorService scheduler;

    public CaptureChannels(CaptureProperties properties, IntakeService intake, ClusterLock cluster) {
        this.properties = properties;
        this.cluster = cluster;
        this.hotFolder = properties.folder() == null ? null
                : new HotFolder(properties.folder(), Direction.RECEIVED, intake);
        this.emissionFolder = properties.emissionFolder() == null ? null
                : new HotFolder(properties.emissionFolder(), Direction.EMITTED, intake);
        this.mail = properties.mail().enabled() ? new MailChannel(properties.mail(), intake) : null;
    }

    public MailChannel mail() {
        return mail;
    }

    @Override
    public void start() {
        scheduler = Executors.newScheduledThreadPool(3, runnable -> new Thread(runnable, "capture-channel"));
        if (hotFolder != null) {
            every("hot folder " + properties.folder().toAbsolutePath(), "hot-folder", properties.folderPoll(),
                    hotFolder::scan);
        }
        if (emissionFolder != null) {
            every("emission hot folder " + properties.emissionFolder().toAbsolutePath(), "emission-hot-folder",
                    properties.folderPoll(), emissionFolder::scan);
        }
        if (mail != null) {
            every("mailbox " + properties.mail(), "mailbox:" + properties.mail().username() + "@"
                    + properties.mail().host(), properties.mail().poll(), mail::poll);
        }
    }

    /**
     * Runs {@code poll} every {@code period}, a failure logged and tried again at the next turn; on
     * one node at a time when several share the channel (cluster lock {@code capture:<lock>}): a
     * file dropped in a shared folder is taken once, never also by a second node.
     */
    private void every(String channel, String lock, Duration period, Runnable poll) {
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded(channel, () -> cluster.tryExclusively("capture:" + lock, poll)),
                millis, millis, TimeUnit.MILLISECONDS);
        log.info("Capture channel {} looked at every {}", channel, period);
    }

    private static void guarded(String channel, Runnable poll) {
        try {
            poll.run();
        } catch (RuntimeException e) {
            log.error("Capture channel {} failed, will try again: {}", channel, e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
