package com.cpor.orderservice.order.messaging;

import com.cpor.orderservice.order.application.PlaceOrder;

class OrderListener {

    private final PlaceOrder placeOrder;

    OrderListener(PlaceOrder placeOrder) {
        this.placeOrder = placeOrder;
    }

    void on(String id) {
        placeOrder.place(id);
    }
}
