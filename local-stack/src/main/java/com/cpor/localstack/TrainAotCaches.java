package com.cpor.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The build's step before the end-to-end tests ({@code pre-integration-test}): makes the services' and the console's
 * AOT caches, so the first platform a test starts is as quick as the others and no test's time limit includes a
 * training run.
 * Argument: the project directory.
 */
public final class TrainAotCaches {

    private TrainAotCaches() {
    }

    public static void main(String[] args) {
        if (!AotCache.enabled()) {
            System.out.println("AOT caches: off (Java " + Runtime.version().feature() + " or -D"
                    + AotCache.ENABLED_PROPERTY + "=false)");
            return;
        }
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long started = System.nanoTime();
        Platform.trainAotCaches(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(), false,
                home.resolve("target/aot-training-logs")));
        System.out.printf("AOT caches of the services and the console ready in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }
}
