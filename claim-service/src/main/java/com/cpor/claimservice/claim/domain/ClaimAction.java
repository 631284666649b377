package com.cpor.claimservice.claim.domain;

/** What can be done to a claim; the wire names appear in 409 answers as the allowed actions. */
public enum ClaimAction {
    // partner actions
    EDIT("edit"),
    UPLOAD_DOCUMENT("upload-document"),
    SUBMIT("submit"),
    RESUBMIT("resubmit"),
    DELETE("delete"),
    WITHDRAW("withdraw"),
    DISPUTE("dispute"),
    COMMENT("comment"),
    // reviewer, customer and system outcomes
    START_REVIEW("start-review"),
    REQUEST_PARTNER_ACTION("request-partner-action"),
    APPROVE("approve"),
    REJECT("reject"),
    DECIDE_DISPUTE("decide-dispute"),
    OPEN_CONSENT_WINDOW("open-consent-window"),
    DECLINE_CONSENT("decline-consent"),
    SEND_TO_EVALUATION("send-to-evaluation");

    private final String wireName;

    ClaimAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
