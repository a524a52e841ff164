package dev.cxscan.scanner.demo;

/** Seeds an example customer account into an AWS emulator (never a real account). */
public interface AccountSeeder {
    /**
     * @param endpoint the emulator's endpoint, e.g. http://127.0.0.1:4566
     * @param scenario "compliant" or "noncompliant"
     */
    void seed(String endpoint, String scenario);
}
