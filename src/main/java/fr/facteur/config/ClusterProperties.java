package fr.facteur.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code facteur.cluster.*}: this node among the Facteur nodes sharing one PostgreSQL.
 *
 * @param nodeName a name of this node, unique among the nodes (default: the host name); it names
 *                 the jobs this node has locked ({@code ACT_RU_JOB.LOCK_OWNER_}, shown in Cockpit)
 *                 and its lines of the job log, so an operator sees which node runs what
 */
@ConfigurationProperties(prefix = "facteur.cluster")
public record ClusterProperties(String nodeName) {

    public ClusterProperties {
        if (nodeName == null || nodeName.isBlank()) {
            nodeName = hostName();
        }
        if (!nodeName.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("facteur.cluster.node-name: 1 to 40 letters, digits, '.', '_' or '-', not '"
                    + nodeName + "'");
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (UnknownHostException e) {
            return "facteur";
        }
    }
}
