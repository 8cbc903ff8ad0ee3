package fr.facteur.workflow.reception;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import fr.facteur.invoice.IndexField;
import fr.facteur.process.ReceptionContract;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${serviceValidators.groups(execution)}}, the candidate groups of "Valider la facture": the
 * routing table's decision ({@code candidateGroups}), where the table ({@code invoice-routing.dmn}) names {@code valideurs}; when the invoice is
 * addressed to a service (Chorus Pro's {@code codeServiceDestinataire}) that has its own group
 * {@code valideurs-<service>} (the code in lower case, other characters than letters and digits as
 * {@code _}: {@code ACHATS} → {@code valideurs-achats}), that group takes the task instead; without such
 * a group every validator may. The other groups the table names (managers, comptables) stay.
 */
@Component("serviceValidators")
public class ServiceValidators {

    static final String VALIDATORS = "valideurs";

    private final IdentityService identity;

    public ServiceValidators(IdentityService identity) {
        this.identity = identity;
    }

    /** The groups of the routing decision, {@code valideurs} narrowed to the service's own group when it exists. */
    public String groups(DelegateExecution execution) {
        return groups(ReceptionContract.CANDIDATE_GROUPS.get(execution), (String) execution.getVariable(IndexField.SERVICE_CODE.variable()));
    }

    String groups(String routed, String serviceCode) {
        String serviceGroup = groupOf(serviceCode);
        if (serviceGroup == null || identity.createGroupQuery().groupId(serviceGroup).count() == 0) {
            return routed;
        }
        return Arrays.stream(routed.split(","))
                .map(String::strip)
                .map(group -> group.equals(VALIDATORS) ? serviceGroup : group)
                .collect(Collectors.joining(","));
    }

    /** The id of a service's validators group, or null without a service code. */
    static String groupOf(String serviceCode) {
        if (serviceCode == null || serviceCode.isBlank()) {
            return null;
        }
        return VALIDATORS + "-" + serviceCode.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
