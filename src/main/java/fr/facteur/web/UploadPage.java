package fr.facteur.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The upload page for users ({@code /televersement/}, static, behind the login like the API). */
@Configuration(proxyBeanMethods = false)
public class UploadPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/televersement").setViewName("redirect:/televersement/");
        registry.addViewController("/televersement/").setViewName("forward:/televersement/index.html");
    }
}
