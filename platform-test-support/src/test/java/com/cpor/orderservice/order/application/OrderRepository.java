package com.cpor.orderservice.order.application;

import com.cpor.orderservice.order.domain.Order;

public interface OrderRepository {

    void save(Order order);
}
