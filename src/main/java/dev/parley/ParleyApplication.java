package dev.parley;

import dev.parley.config.WebSocketContainerConfiguration;
import dev.parley.realtime.upstream.WebSocketUpstreamConnector;
import dev.parley.schema.SchemaCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Parley: realtime voice threads over JSON-RPC. Boot's data source, JDBC and Flyway auto-configuration stay
 * off: the store ({@code dev.parley.store}) opens, checks and migrates its own database, and only for the
 * {@code parley.store.type} chosen.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration"})
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        // The schema export commands run without Spring: no port, no API key, no context.
        if (SchemaCli.handles(args)) {
            System.exit(SchemaCli.run(args, System.out, System.err));
        }
        // before anything creates an HTTP client: the JDK reads its buffer sizes once
        WebSocketUpstreamConnector.sizeJdkClientBuffers();
        WebSocketContainerConfiguration.sizeTomcatBuffers();
        // before the first virtual thread: the scheduler reads its size once
        VirtualThreadCarriers.ensureMinimum();
        SpringApplication.run(ParleyApplication.class, args);
    }
}
