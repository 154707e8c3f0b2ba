package org.peertracker.api.field;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The field app at /field/: its page is static/field/index.html, and the service worker's scope is /field/. */
@Configuration(proxyBeanMethods = false)
class FieldPages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/field", "/field/");
        registry.addViewController("/field/").setViewName("forward:/field/index.html");
    }
}
