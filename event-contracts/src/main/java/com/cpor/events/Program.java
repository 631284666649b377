package com.cpor.events;

/** Incentive program derived from the activity; revenue association has none (recognition only). */
public enum Program {
    OSA, OSU_M365, OSU_BUSINESS_APPLICATIONS;

    /** @return the program, or {@code null} for revenue association */
    public static Program of(SolutionArea area, Activity activity) {
        return switch (activity) {
            case PRE_SALES -> OSA;
            case USAGE -> area == SolutionArea.MICROSOFT_365 ? OSU_M365 : OSU_BUSINESS_APPLICATIONS;
            case REVENUE_ASSOCIATION -> null;
        };
    }
}
