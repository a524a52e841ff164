package dev.cxscan.scanner.demo;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Seeds an example customer account into an emulator (localstack/seed/: CloudFormation stacks
 * deployed through CreateStack plus SDK calls for account settings). The implementation
 * (dev.cxscan.scanner.demo.Seeder) is registered in META-INF/services/dev.cxscan.scanner.demo.AccountSeeder.
 */
public interface AccountSeeder {
    /**
     * @param endpoint the emulator's endpoint, e.g. http://127.0.0.1:4566
     * @param scenario "compliant" or "noncompliant"
     */
    void seed(String endpoint, String scenario);

    /** The registered seeder, if one is on the classpath. */
    static Optional<AccountSeeder> find() {
        return ServiceLoader.load(AccountSeeder.class).findFirst();
    }
}
