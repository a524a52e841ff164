package dev.cxscan.reports;

/** Why a finding was suppressed, as written by the template author. */
public record Suppression(String reason) {
}
