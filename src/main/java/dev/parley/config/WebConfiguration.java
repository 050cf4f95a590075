package dev.parley.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The Codex-style health aliases: {@code /readyz} and {@code /healthz} answer exactly as the Actuator probes. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/readyz").setViewName("forward:/actuator/health/readiness");
        registry.addViewController("/healthz").setViewName("forward:/actuator/health/liveness");
    }
}
