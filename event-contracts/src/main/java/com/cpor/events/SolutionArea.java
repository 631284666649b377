package com.cpor.events;

public enum SolutionArea { MICROSOFT_365, BUSINESS_APPLICATIONS }
