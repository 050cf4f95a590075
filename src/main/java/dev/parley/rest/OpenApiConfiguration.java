package dev.parley.rest;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the REST API; JSON-RPC is described by the committed {@code schema/} export. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";

    @Bean
    OpenAPI parleyOpenApi(@Value("${parley.version}") String version) {
        return new OpenAPI()
                .info(new Info().title("Parley").version(version).description("""
                        REST API of Parley, a realtime voice app-server. Clients that need notifications \
                        (turns, realtime transcripts and audio) use the JSON-RPC WebSocket at `/rpc`; its \
                        messages are published as JSON Schema and TypeScript in the repository's `schema/` \
                        folder, because JSON-RPC cannot be expressed in OpenAPI."""))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
