package ai.aifabrix.miso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.aifabrix.miso.model.Application;
import ai.aifabrix.miso.model.ApplicationConfiguration;
import ai.aifabrix.miso.model.ApplicationCreate;
import ai.aifabrix.miso.model.ApplicationList;
import ai.aifabrix.miso.model.ApplicationSummary;
import ai.aifabrix.miso.model.Deployment;
import ai.aifabrix.miso.model.DeploymentCreate;
import ai.aifabrix.miso.model.LogEntry;

/** The facade against the plain mock: namespaces, errors, pagination, log following, tokens. */
class MisoClientTest {
    private MisoClient client;

    @BeforeEach
    void setUp() {
        Mocks.reset("PLAIN");
        client = Mocks.client("PLAIN").build();
    }

    static ApplicationCreate newApplication(String name) {
        return new ApplicationCreate().name(name).environment("production")
                .configuration(new ApplicationConfiguration().image(name + ":1").replicas(1));
    }

    @Test
    void readsTheReferenceExampleApplication() {
        Application app = client.applications().get("app-123");
        assertEquals("my-application", app.getName());
    }

    @Test
    void createsAnApplicationAndDeploysIt() {
        Application app = client.applications().create(
                newApplication("java-app"));
        Deployment deployment = client.deployments().create(app.getId(), new DeploymentCreate().image("java-app:1"));
        assertEquals("java-app:1", client.deployments().get(deployment.getId()).getImage());
    }

    @Test
    void aMissingApplicationIsATypedErrorWithTheRequestId() {
        MisoApiException.NotFound error = assertThrows(MisoApiException.NotFound.class,
                () -> client.applications().get("app-does-not-exist"));
        assertEquals(404, error.statusCode());
        assertEquals("RESOURCE_NOT_FOUND", error.code());
        assertNotNull(error.requestId());
        assertTrue(error.getMessage().contains(error.requestId()));
    }

    @Test
    void aBadBodyIsAValidationErrorWithFieldDetails() {
        MisoApiException.Validation error = assertThrows(MisoApiException.Validation.class,
                () -> client.applications().create(newApplication("")));
        assertNotNull(error.requestId());
        assertNotNull(error.details());
    }

    @Test
    void listAllWalksEveryPage() {
        for (int i = 0; i < 3; i++) {
            client.applications().create(newApplication("paged-" + i));
        }
        ApplicationList all = client.applications().list(1, 100, null, null, null);
        List<String> expected = all.getData().stream().map(ApplicationSummary::getId).collect(Collectors.toList());
        // pages of two, so several pages are fetched and joined
        Pages<ApplicationList, ApplicationSummary> pages = new Pages<>(
                page -> client.applications().list(page, 2, null, null, null),
                ApplicationList::getData, ApplicationList::getPagination);
        List<String> walked = new ArrayList<>();
        pages.forEach(app -> walked.add(app.getId()));
        assertTrue(expected.size() > 2);
        assertEquals(expected, walked);
        List<String> listAll = StreamSupport.stream(client.applications().listAll().spliterator(), false)
                .map(ApplicationSummary::getId).collect(Collectors.toList());
        assertEquals(expected, listAll);
    }

    @Test
    void followsADeploymentsLogsUntilItEnds() {
        Deployment deployment = client.deployments().create("app-123", new DeploymentCreate().image("my-app:v2"));
        List<LogEntry> entries = new ArrayList<>();
        String status;
        try (LogStream stream = client.deployments().follow(deployment.getId(), null)) {
            stream.forEach(entries::add);
            status = stream.status();
        }
        assertFalse(entries.isEmpty());
        assertEquals("Starting deployment", entries.get(0).getMessage());
        assertEquals(client.deployments().get(deployment.getId()).getStatus().getValue(), status);
    }

    @Test
    void theTokenIsFetchedOnceAndReused() {
        client.applications().list();
        client.environments().list();
        client.users().me();
        assertEquals(1, client.tokens().fetches());
    }

    @Test
    void wrongCredentialsAreAnAuthenticationError() {
        MisoClient wrong = MisoClient.builder().baseUrl(Mocks.url("PLAIN")).clientId(Mocks.DEV_ID)
                .clientSecret("wrong").build();
        MisoApiException.Authentication error = assertThrows(MisoApiException.Authentication.class,
                () -> wrong.applications().list());
        assertNotNull(error.requestId());
    }
}
