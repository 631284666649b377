package com.cpor.events;

/**
 * Why a partner withdrew a claim (partner request, §8): the reasons the Partner Center pages name. {@code OTHER}
 * carries the partner's text.
 */
public enum WithdrawalReason {
    /** The claim was made with the wrong MPN / partner location ID. */
    WRONG_PARTNER_ID,
    /** The wrong activity (and so program) was chosen, e.g. revenue association instead of pre-sales. */
    WRONG_ACTIVITY,
    NO_LONGER_WORKING_WITH_CUSTOMER,
    OTHER
}
