package org.watchfloor.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what over HTTP. The Watchfloor API takes HTTP Basic (users of Camunda's identity service) and intake
 * tokens; the Camunda web apps keep their own login page; {@code /engine-rest} is closed to anonymous callers by
 * Camunda's own Basic authentication filter, so its authorization checks see the caller.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IntakeTokens tokens) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new IntakeTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/alerts").hasAuthority(IntakeTokenFilter.ROLE)
                        .requestMatchers(HttpMethod.POST, "/api/alerts/import")
                        .hasAnyAuthority(IntakeTokenFilter.ROLE, CamundaIdentityAuthenticationProvider.ROLE_USER)
                        .requestMatchers(HttpMethod.POST, "/api/rules/**")
                        .hasAnyAuthority(CamundaIdentityAuthenticationProvider.ROLE_ADMIN, "GROUP_soc-leads")
                        .requestMatchers("/actuator/**").hasAuthority(CamundaIdentityAuthenticationProvider.ROLE_ADMIN)
                        .anyRequest().hasAuthority(CamundaIdentityAuthenticationProvider.ROLE_USER))
                .build();
    }

    /** The Camunda web apps protect themselves (login page, CSRF token); so does the engine REST API, below. */
    @Bean
    @Order(2)
    SecurityFilterChain camundaSecurity(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    CamundaIdentityAuthenticationProvider camundaIdentityAuthentication(IdentityService identity) {
        return new CamundaIdentityAuthenticationProvider(identity);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }
}
