package fr.facteur.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.facteur.support.ApplicationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A model is code: analysts deploy through engine REST as Camunda Modeler does, and the deployment
 * guard refuses what would run Java code, before anything is stored.
 */
@ApplicationTest
class ModelDeploymentIT {

    private static final Path PROOF = Path.of("target", "model-deployment-proof.txt");

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private DecisionService decisionService;
    @Autowired
    private org.camunda.bpm.engine.HistoryService historyService;
    @Autowired
    private fr.facteur.workflow.ChorusRetry chorusRetry;
    @Autowired
    private ObjectMapper json;

    @Test
    void theReflectionPayloadOfATimerIsRefusedAndNothingRuns() throws Exception {
        Files.deleteIfExists(PROOF);
        String payload = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + PROOF.toAbsolutePath() + "')}";
        String bpmn = timerProcess("Attaque", "<bpmn:serviceTask id=\"Task_Payload\" name=\"Rien\" camunda:expression=\""
                + payload.replace("'", "&apos;") + "\" />");

        ResponseEntity<String> answer = deploy("analyste", "attaque.bpmn", bpmn);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.get("type").asText()).isEqualTo("ParseException");
        assertThat(body.get("message").asText()).contains("Task_Payload", "getClass", "interdit");
        assertThat(body.at("/details/attaque.bpmn/errors/0/mainElementId").asText()).isEqualTo("Task_Payload");
        assertThat(repositoryService.createDeploymentQuery().deploymentName("attaque").count()).isZero();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("Attaque").count()).isZero();
        // no timer of the refused model (counting all jobs would race with the other tests' jobs)
        assertThat(managementService.createJobQuery().processDefinitionKey("Attaque").count()).isZero();
        Thread.sleep(2000); // the timer would have fired by now
        assertThat(PROOF).doesNotExist();
    }

    @Test
    void theEngineServicesAndBeansOutsideTheModelApiAreRefused() throws Exception {
        for (String expression : new String[] {
            "${execution.processEngineServices.identityService}",
            "${invoiceService.list(null, null, 0, 10)}",
            "${systemEnvironment}",
            "${execution['processEngine']}",
            "${variable.getClass()}",
            "${paymentWarning.toString()}"}) {
            String bpmn = timerProcess("Sonde", "<bpmn:serviceTask id=\"Task_Probe\" name=\"Sonde\" camunda:expression=\""
                    + expression.replace("'", "&apos;") + "\" />");
            ResponseEntity<String> answer = deploy("analyste", "sonde.bpmn", bpmn);
            assertThat(answer.getStatusCode()).as(expression).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).as(expression).contains("Task_Probe");
        }
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("Sonde").count()).isZero();
    }

    @Test
    void aScriptTaskAClassAndAForeignDelegateAreRefused() throws Exception {
        Map<String, String> attempts = Map.of(
                "<bpmn:scriptTask id=\"Task_Script\" name=\"Script\" scriptFormat=\"javascript\">"
                        + "<bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>", "tâche de script",
                "<bpmn:serviceTask id=\"Task_Class\" name=\"Classe\" camunda:class=\"java.lang.Object\" />",
                "camunda:class",
                "<bpmn:serviceTask id=\"Task_Delegate\" name=\"Délégué\" camunda:delegateExpression=\"${invoiceService}\" />",
                "n'est pas un délégué",
                "<bpmn:serviceTask id=\"Task_Listener\" name=\"Écouteur\" camunda:expression=\"${chorusRetry.cycle}\">"
                        + "<bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script "
                        + "scriptFormat=\"groovy\">1</camunda:script></camunda:executionListener></bpmn:extensionElements>"
                        + "</bpmn:serviceTask>", "script",
                // our delegates and helpers act on invoices: only in the processes shipped with them
                "<bpmn:serviceTask id=\"Task_Approve\" name=\"Approuver\" "
                        + "camunda:delegateExpression=\"${recordDecisionDelegate}\" />", "InvoiceReception",
                "<bpmn:serviceTask id=\"Task_Pause\" name=\"Pause\" "
                        + "camunda:expression=\"${paymentWarning.pause(execution)}\" />", "agit sur les factures");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            ResponseEntity<String> answer = deploy("analyste", "refus.bpmn", timerProcess("Refus", attempt.getKey()));
            assertThat(answer.getStatusCode()).as(attempt.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).as(attempt.getKey()).contains(attempt.getValue());
        }
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("Refus").count()).isZero();
    }

    @Test
    void aModelUsingTheModelApiIsDeployedAndRuns() throws Exception {
        String bpmn = process("ModeleAutorise", """
                <bpmn:startEvent id="Event_Start" name="Départ"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_ReadCycle" />
                <bpmn:serviceTask id="Task_ReadCycle" name="Lire le cycle" camunda:expression="${chorusRetry.cycle}"
                    camunda:resultVariable="cycle"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_ReadCycle" targetRef="Gateway_Amount" />
                <bpmn:exclusiveGateway id="Gateway_Amount" name="Montant ?" default="Flow_Small">
                  <bpmn:incoming>Flow_2</bpmn:incoming><bpmn:outgoing>Flow_Big</bpmn:outgoing><bpmn:outgoing>Flow_Small</bpmn:outgoing>
                </bpmn:exclusiveGateway>
                <bpmn:sequenceFlow id="Flow_Big" sourceRef="Gateway_Amount" targetRef="Event_Big">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getVariable('amount') &gt; 1000 &amp;&amp; channel == 'UPLOAD'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_Small" sourceRef="Gateway_Amount" targetRef="Event_Small" />
                <bpmn:endEvent id="Event_Big" name="Gros montant"><bpmn:incoming>Flow_Big</bpmn:incoming></bpmn:endEvent>
                <bpmn:endEvent id="Event_Small" name="Petit montant"><bpmn:incoming>Flow_Small</bpmn:incoming></bpmn:endEvent>
                """);

        ResponseEntity<String> answer = deploy("analyste", "autorise.bpmn", bpmn);

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("ModeleAutorise",
                Map.of("amount", 5000, "channel", "UPLOAD"));
        assertThat(instance.isEnded()).isTrue();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
                .extracting(a -> a.getActivityId()).contains("Task_ReadCycle", "Event_Big")
                .doesNotContain("Event_Small");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("cycle").singleResult().getValue()).isEqualTo(chorusRetry.getCycle());
    }

    @Test
    void feelInDecisionsHasNoJavaAccessAndOtherLanguagesAreRefused() throws Exception {
        String external = "(function(x) external { java: { class: \"java.lang.System\", "
                + "method signature: \"getProperty(java.lang.String)\" } })(\"user.dir\")";
        ResponseEntity<String> feel = deploy("analyste", "sonde-feel.dmn", decision("SondeFeel", "", external));
        assertThat(feel.getStatusCode()).as(feel.getBody()).isEqualTo(HttpStatus.OK);
        Object result;
        try {
            result = decisionService.evaluateDecisionByKey("SondeFeel").variables(Map.of("x", 1)).evaluate()
                    .getSingleEntry();
        } catch (RuntimeException refused) {
            result = null; // FEEL refuses the external function: fine
        }
        assertThat(String.valueOf(result)).doesNotContain(System.getProperty("user.dir"));

        ResponseEntity<String> juel = deploy("analyste", "sonde-juel.dmn",
                decision("SondeJuel", " expressionLanguage=\"juel\"", "\"${1}\""));
        assertThat(juel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(juel.getBody()).contains("juel", "FEEL");
        assertThatThrownBy(() -> decisionService.evaluateDecisionByKey("SondeJuel").evaluate())
                .hasMessageContaining("SondeJuel");
    }

    @Test
    void aFormEmbeddingHtmlIsRefusedAndOtherFilesToo() throws Exception {
        String form = """
                {"id": "formulairePiege", "type": "default", "schemaVersion": 16, "components": [
                  {"type": "html", "id": "Field_Html", "content": "<img src=x onerror=alert(1)>"}]}""";
        ResponseEntity<String> answer = deploy("analyste", "piege.form", form);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("Field_Html", "html");

        ResponseEntity<String> page = deploy("analyste", "page.html", "<script>alert(1)</script>");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody()).contains("type de fichier non accepté");
    }

    private ResponseEntity<String> deploy(String user, String filename, String content) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("deployment-name", filename.substring(0, filename.indexOf('.')));
        body.add("data", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, user).postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(body, headers), String.class);
    }

    /** A process started every second by a timer, running {@code task}. */
    private static String timerProcess(String key, String task) {
        String id = task.replaceFirst("(?s)^.*? id=\"([^\"]+)\".*$", "$1");
        return process(key, """
                <bpmn:startEvent id="Event_Timer" name="Chaque seconde"><bpmn:outgoing>Flow_1</bpmn:outgoing>
                  <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle>
                  </bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Timer" targetRef="%s" />
                %s
                """.formatted(id, task));
    }

    private static String process(String key, String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="Definitions_%1$s" targetNamespace="http://facteur.fr/test">
                  <bpmn:process id="%1$s" name="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                %2$s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, elements);
    }

    private static String decision(String key, String language, String output) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_%1$s" name="%1$s"
                    namespace="http://facteur.fr/test" xmlns:camunda="http://camunda.org/schema/1.0/dmn">
                  <decision id="%1$s" name="%1$s" camunda:historyTimeToLive="P1D">
                    <variable id="Variable_%1$s" name="resultat" />
                    <literalExpression id="Literal_%1$s"%2$s><text>%3$s</text></literalExpression>
                  </decision>
                </definitions>
                """.formatted(key, language, output.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
