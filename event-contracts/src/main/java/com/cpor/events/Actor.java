package com.cpor.events;

/** Who did something: a user from the access token, the customer, or the platform itself. */
public record Actor(String id, String name, String email, ActorKind kind) {

    public enum ActorKind { PARTNER, REVIEWER, CUSTOMER, SYSTEM }

    public static Actor system(String component) {
        return new Actor(component, component, null, ActorKind.SYSTEM);
    }
}
