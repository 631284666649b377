package com.cpor.orderservice.order.persistence;

import com.cpor.orderservice.order.application.OrderRepository;
import com.cpor.orderservice.order.domain.Order;
import org.springframework.stereotype.Repository;

@Repository
class JdbcOrderRepository implements OrderRepository {

    @Override
    public void save(Order order) {
    }
}
