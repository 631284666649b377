package com.cpor.notificationservice.notification.application;

/** Where pending mail waits for a sender: told when mail becomes due, so a sender takes it without polling. */
public interface MailQueue {

    /**
     * A notification became due in the current transaction (or just now, outside one): once that commits, a sender
     * takes it. A rolled-back change wakes nobody.
     */
    void mailQueued();
}
