package com.cpor.reviewservice.review.application;

import com.cpor.platform.timers.DueTimer;
import com.cpor.platform.timers.TimerHandler;

/** Hands due timers of one review kind to {@link ReviewDeadlineReactions}. */
public class ReviewTimerHandler implements TimerHandler {

    private final ReviewTimerKind kind;
    private final ReviewDeadlineReactions reactions;

    public ReviewTimerHandler(ReviewTimerKind kind, ReviewDeadlineReactions reactions) {
        this.kind = kind;
        this.reactions = reactions;
    }

    @Override
    public String kind() {
        return kind.kind();
    }

    /** The review row before the timer row: the order of every reviewer action and claim event here. */
    @Override
    public void lockSubject(DueTimer timer) {
        reactions.lockReview(timer.claimId());
    }

    @Override
    public void onDue(DueTimer timer) {
        reactions.onDue(kind, timer);
    }
}
