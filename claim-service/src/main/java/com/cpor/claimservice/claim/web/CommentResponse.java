package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.Comment;
import com.cpor.events.Actor;

import java.time.Instant;

public record CommentResponse(String id, ActorResponse author, String text, Instant createdAt) {

    public record ActorResponse(String id, String name, Actor.ActorKind kind) {

        static ActorResponse of(Actor actor) {
            return actor == null ? null : new ActorResponse(actor.id(), actor.name(), actor.kind());
        }
    }

    static CommentResponse of(Comment comment) {
        return new CommentResponse(comment.id(), ActorResponse.of(comment.author()), comment.text(), comment.createdAt());
    }
}
