package com.cpor.brokenservice.adaptercoupling.messaging;

public class OrderPublisher {

    public void publish(String id) {
    }
}
