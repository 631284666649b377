package com.cpor.console.api;

/** The API refused the session's token (expired or revoked): the user signs in again. */
public class SignInRequiredException extends RuntimeException {

    public SignInRequiredException() {
        super("The access token was refused; sign in again");
    }
}
