package com.cpor.events;

public enum Activity { PRE_SALES, USAGE, REVENUE_ASSOCIATION }
