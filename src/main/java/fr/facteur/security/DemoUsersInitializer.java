package fr.facteur.security;

import fr.facteur.config.ClusterLock;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Creates the groups and, in the default run only, the demo users (password = user name). */
@Component
public class DemoUsersInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoUsersInitializer.class);

    private final IdentityService identityService;
    private final DemoProperties properties;
    private final Environment environment;
    private final ClusterLock cluster;

    public DemoUsersInitializer(IdentityService identityService, DemoProperties properties, Environment environment,
                                ClusterLock cluster) {
        this.identityService = identityService;
        this.properties = properties;
        this.environment = environment;
        this.cluster = cluster;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.enabled() || identityService.isReadOnly()) {
            return;
        }
        if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            throw new IllegalStateException(
                    "facteur.demo.enabled=true is refused with the prod profile: demo users have known passwords");
        }
        // two nodes starting together: one creates the groups and users, the other then finds them
        cluster.inTransactionAlone("seed:demo-users", () -> {
            createGroupsAndUsers();
            return null;
        });
        log.warn("DEMO USERS ACTIVE (default run, not for production): {} — the password of each is its user name",
                DemoUsers.ALL.stream().map(u -> u.id() + " (" + u.group() + ")").toList());
    }

    private void createGroupsAndUsers() {
        for (Groups.GroupDefinition definition : java.util.stream.Stream.concat(Groups.ALL.stream(),
                java.util.stream.Stream.of(DemoUsers.PURCHASING_VALIDATORS)).toList()) {
            if (identityService.createGroupQuery().groupId(definition.id()).count() == 0) {
                Group group = identityService.newGroup(definition.id());
                group.setName(definition.name());
                group.setType("WORKFLOW");
                identityService.saveGroup(group);
            }
        }
        for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@demo.facteur.invalid");
                user.setPassword(demo.id());
                identityService.saveUser(user);
                identityService.createMembership(demo.id(), demo.group());
                for (String serviceGroup : demo.serviceGroups()) {
                    identityService.createMembership(demo.id(), serviceGroup);
                }
            }
        }
    }
}
