package com.cpor.platform.testsupport;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The services' test clock: tests move time by hand (dispute windows, consent windows, review SLAs) instead of
 * waiting. One clock for every application context of the test JVM, so a second instance or a restarted one sees the
 * same time as the test that moves it; durable timers fall due by it too (in production by the database clock).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestClockConfiguration.TimersFollowTestClock.class)
public class TestClockConfiguration {

    /** Whole seconds, like the deadlines the database stores and the APIs show. */
    public static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Bean
    @Primary
    MutableClock testClock() {
        return CLOCK;
    }

    /**
     * Declares platform-support's {@code TimerClock} as the test clock's instant. By name: platform-support's own tests
     * use this module, so this module cannot depend on it.
     */
    static class TimersFollowTestClock implements ImportBeanDefinitionRegistrar {

        static final String TIMER_CLOCK = "com.cpor.platform.timers.TimerClock";

        @Override
        public void registerBeanDefinitions(AnnotationMetadata importing, BeanDefinitionRegistry registry) {
            ClassLoader loader = TestClockConfiguration.class.getClassLoader();
            if (!ClassUtils.isPresent(TIMER_CLOCK, loader)) {
                return; // no durable timers in this application
            }
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) ClassUtils.resolveClassName(TIMER_CLOCK, loader);
            Object timerClock = Proxy.newProxyInstance(loader, new Class<?>[] {type}, (proxy, method, arguments) ->
                    switch (method.getName()) {
                        case "override" -> CLOCK.instant();
                        case "equals" -> proxy == arguments[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "TimerClock following the test clock";
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
            registry.registerBeanDefinition("timerClock", new RootBeanDefinition(type, () -> timerClock));
        }
    }
}
