package com.cpor.orderservice.order.application;

import com.cpor.orderservice.order.domain.Order;

public class PlaceOrder {

    private final OrderRepository orders;

    public PlaceOrder(OrderRepository orders) {
        this.orders = orders;
    }

    public Order place(String id) {
        Order order = new Order(id);
        orders.save(order);
        return order;
    }
}
