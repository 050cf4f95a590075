package dev.parley;

import dev.parley.realtime.upstream.WebSocketUpstreamConnector;
import dev.parley.schema.SchemaCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Parley: realtime voice threads over JSON-RPC. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        // The schema export commands run without Spring: no port, no API key, no context.
        if (SchemaCli.handles(args)) {
            System.exit(SchemaCli.run(args, System.out, System.err));
        }
        // before anything creates an HTTP client: the JDK reads its buffer sizes once
        WebSocketUpstreamConnector.sizeJdkClientBuffers();
        SpringApplication.run(ParleyApplication.class, args);
    }
}
