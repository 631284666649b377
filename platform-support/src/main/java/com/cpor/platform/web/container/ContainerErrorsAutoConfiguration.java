package com.cpor.platform.web.container;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Tomcat's own error answers become problem details ({@link ProblemErrorReportValve}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ErrorReportValve.class, ConfigurableTomcatWebServerFactory.class})
public class ContainerErrorsAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
        return new ProblemValveCustomizer();
    }

    /**
     * Runs after Spring Boot's own Tomcat customizer, which puts a plain ErrorReportValve on the host: that one
     * is replaced, so only the problem+json valve reports.
     */
    static final class ProblemValveCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    // the host adds a valve of this class on start unless one is there: make it ours
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                var hostPipeline = context.getParent().getPipeline();
                for (Valve valve : hostPipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        hostPipeline.removeValve(valve);
                    }
                }
                hostPipeline.addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
