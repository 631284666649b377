package com.cpor.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses tokens without a subject: every action is recorded against {@code sub}, so a token without one
 * cannot act (Spring Security alone would accept it).
 */
public class RequiredSubjectValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error MISSING_SUBJECT =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has no sub claim", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        return subject == null || subject.isBlank()
                ? OAuth2TokenValidatorResult.failure(MISSING_SUBJECT)
                : OAuth2TokenValidatorResult.success();
    }
}
