package com.cpor.orderservice.order.web;

import com.cpor.orderservice.order.application.PlaceOrder;

class OrderController {

    private final PlaceOrder placeOrder;

    OrderController(PlaceOrder placeOrder) {
        this.placeOrder = placeOrder;
    }

    String create(String id) {
        return placeOrder.place(id).id();
    }
}
