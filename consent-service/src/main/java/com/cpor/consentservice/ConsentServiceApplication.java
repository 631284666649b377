package com.cpor.consentservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The customer's opt-out window: opens on approval, serves the signed decline page, elapses by timer. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsentServiceApplication.class, args);
    }
}
