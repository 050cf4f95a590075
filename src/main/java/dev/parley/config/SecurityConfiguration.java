package dev.parley.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Installs the Origin/token filter and refuses to serve a non-loopback address without a token. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<SecurityFilter> securityFilter(SecurityProperties properties, JsonMapper json,
            @Value("${server.address:}") String serverAddress) {
        requireTokenOffLoopback(serverAddress, properties);
        FilterRegistrationBean<SecurityFilter> registration =
                new FilterRegistrationBean<>(new SecurityFilter(properties, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Refuses to start when the server binds to an address that is not loopback (including the wildcards)
     * and no token is set: a local voice server must not be reachable from the network unauthenticated.
     */
    static void requireTokenOffLoopback(@Nullable String serverAddress, SecurityProperties properties) {
        if (serverAddress == null || serverAddress.isBlank() || properties.tokenRequired()) {
            return;
        }
        if (!isLoopback(serverAddress.strip())) {
            throw new InsecureBindException("parley.security.token must be set when server.address ("
                    + serverAddress.strip() + ") is not a loopback address");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
