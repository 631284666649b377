package com.cpor.notificationservice.notification.web;

import com.cpor.notificationservice.notification.application.MailQueue;
import com.cpor.notificationservice.notification.application.NotificationStore;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.InvalidStateProblem;
import com.cpor.platform.web.NotFoundProblem;
import com.cpor.platform.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The notification log for staff, and the dead-letter replay. */
@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize(NotificationController.STAFF_ONLY)
@Tag(name = "Notifications", description = "Sent log and dead-letter replay of e-mail notices (staff only)")
class NotificationController {

    static final String STAFF_ONLY = "hasAnyRole('STAFF','REVIEW_LEAD')";
    static final int MAX_SIZE = 500;
    static final int MAX_PAGE = 10_000;

    private final NotificationStore store;
    private final MailQueue mailQueue;
    private final Clock clock;

    NotificationController(NotificationStore store, MailQueue mailQueue, Clock clock) {
        this.store = store;
        this.mailQueue = mailQueue;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "List notifications of a claim and/or with a status, newest first",
            description = "status=FAILED lists the dead letters an operator may replay.")
    PageResponse<NotificationView> list(
            @Parameter(description = "Claim id") @RequestParam(required = false) String claimId,
            @Parameter(description = "PENDING, SENT or FAILED") @RequestParam(required = false) String status,
            @Parameter(description = "Page, from 0 (at most 10000)") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size (1–500)") @RequestParam(defaultValue = "100") int size) {
        if ((claimId == null || claimId.isBlank()) && status == null) {
            throw new InvalidInputProblem("claimId", "give a claimId or a status");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidInputProblem("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputProblem("size", "must be between 1 and " + MAX_SIZE);
        }
        String claim = claimId == null || claimId.isBlank() ? null : claimId;
        NotificationStatus wanted = parseStatus(status);
        List<NotificationView> items = store.find(claim, wanted, page * size, size).stream()
                .map(NotificationView::of).toList();
        return PageResponse.of(items, page, size, store.count(claim, wanted));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One notification")
    NotificationView get(@PathVariable UUID id) {
        return NotificationView.of(find(id));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Replay a FAILED notification: it becomes PENDING and is sent again with fresh attempts",
            description = "409 unless the notification is FAILED.")
    NotificationView retry(@PathVariable UUID id) {
        Notification notification = find(id);
        if (!store.requeueFailed(id, clock.instant())) {
            throw new InvalidStateProblem("Only FAILED notifications can be replayed; this one is "
                    + notification.status(), notification.status().name(), List.of());
        }
        mailQueue.mailQueued();
        return NotificationView.of(find(id));
    }

    private Notification find(UUID id) {
        return store.findById(id).orElseThrow(() -> new NotFoundProblem("Notification", id.toString()));
    }

    private static NotificationStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return NotificationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputProblem("status", "must be one of PENDING, SENT, FAILED");
        }
    }
}
