package com.cpor.archfixture.platform.cycle.b;

import com.cpor.archfixture.platform.cycle.a.Alpha;

public class Beta {

    Alpha alpha;
}
