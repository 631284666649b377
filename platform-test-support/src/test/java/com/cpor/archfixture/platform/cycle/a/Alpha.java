package com.cpor.archfixture.platform.cycle.a;

import com.cpor.archfixture.platform.cycle.b.Beta;

/** Fixture violation: a and b need each other. */
public class Alpha {

    Beta beta;
}
