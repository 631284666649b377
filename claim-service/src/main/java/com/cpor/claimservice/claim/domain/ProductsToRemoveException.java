package com.cpor.claimservice.claim.domain;

import java.util.List;

/** A resubmission still claims products the reviewer asked the partner to remove. */
public class ProductsToRemoveException extends RuntimeException {

    private final List<String> products;

    public ProductsToRemoveException(List<String> products) {
        super("The reviewer asked to remove " + String.join(", ", products)
                + " from the claim; remove them (PATCH products) before resubmitting");
        this.products = List.copyOf(products);
    }

    public List<String> products() {
        return products;
    }
}
