package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** 409: the action is not allowed in the current status; says which status and which actions are. */
public class InvalidStateProblem extends ApiProblem {

    private final String currentStatus;
    private final List<String> allowedActions;

    public InvalidStateProblem(String detail, String currentStatus, List<String> allowedActions) {
        super(HttpStatus.CONFLICT, "invalid-state", "Action not allowed in the current status", detail);
        this.currentStatus = currentStatus;
        this.allowedActions = List.copyOf(allowedActions);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentStatus", currentStatus, "allowedActions", allowedActions);
    }
}
