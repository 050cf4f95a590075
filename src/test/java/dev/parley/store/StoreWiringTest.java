package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.thread.InMemoryThreadStore;
import dev.parley.thread.ThreadStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code parley.store.type=memory} (the tests' default): no data source, no database, readiness UP with the store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreWiringTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void theMemoryStoreNeedsNoDatabase() throws Exception {
        assertThat(context.getBean(ThreadStore.class)).isInstanceOf(InMemoryThreadStore.class);
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
        assertThat(context.getBeanNamesForType(StoreWriter.class)).isEmpty();
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
    }
}
