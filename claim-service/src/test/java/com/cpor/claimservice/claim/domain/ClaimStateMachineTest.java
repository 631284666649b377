package com.cpor.claimservice.claim.domain;

import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.cpor.claimservice.claim.domain.Claims.*;
import static com.cpor.events.ClaimStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every action in every status: the allowed transitions of §3 happen, every other one is refused. */
class ClaimStateMachineTest {

    private record Action(String name, Function<Claim, Transition> apply, Map<ClaimStatus, ClaimStatus> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Action> ACTIONS = List.of(
            new Action("submit", c -> c.submit(PARTNER, 1, NOW),
                    Map.of(EDITING, SUBMITTED, PARTNER_ACTION_REQUIRED, SUBMITTED)),
            new Action("start review", c -> c.startReview(REVIEWER, NOW.plusSeconds(60), NOW),
                    Map.of(SUBMITTED, IN_REVIEW, DISPUTED, DISPUTED)),
            new Action("request partner action", c -> c.requestPartnerAction(REVIEWER,
                    List.of(PartnerActionReason.MISSING_PRODUCTS), "more", NOW.plusSeconds(60), NOW),
                    Map.of(IN_REVIEW, PARTNER_ACTION_REQUIRED)),
            new Action("approve", c -> c.approve(REVIEWER, null, NOW), Map.of(IN_REVIEW, APPROVED)),
            new Action("reject by reviewer", c -> c.reject(REVIEWER, RejectionReason.INSUFFICIENT_POE, "no", NOW, NOW),
                    Map.of(IN_REVIEW, REJECTED)),
            new Action("reject for no partner response", c -> c.reject(REVIEWER, RejectionReason.NO_PARTNER_RESPONSE,
                    null, NOW, NOW), Map.of(PARTNER_ACTION_REQUIRED, REJECTED)),
            new Action("overturn dispute", c -> c.decideDispute(REVIEWER, true, "ok", NOW), Map.of(DISPUTED, APPROVED)),
            new Action("uphold dispute", c -> c.decideDispute(REVIEWER, false, "no", NOW), Map.of(DISPUTED, REJECTED)),
            new Action("customer declines", c -> c.declineConsent(CUSTOMER, NOW), Map.of(APPROVED, REJECTED)),
            new Action("withdraw", c -> c.withdraw(PARTNER, com.cpor.events.WithdrawalReason.WRONG_PARTNER_ID, null, NOW),
                    Map.of(SUBMITTED, REJECTED, IN_REVIEW, REJECTED, PARTNER_ACTION_REQUIRED, REJECTED, APPROVED, REJECTED)),
            new Action("dispute", c -> c.dispute(PARTNER, "signed on page 2", NOW), Map.of(REJECTED, DISPUTED)),
            new Action("delete", c -> {
                c.checkCanBeDeleted(NOW);
                return new Transition(c.status(), c.status(), PARTNER, List.of(), null);
            }, Map.of(EDITING, EDITING)),
            new Action("send to evaluation", c -> {
                c.sendToEvaluation(NOW);
                return new Transition(c.status(), c.status(), PARTNER, List.of(), null);
            }, Map.of(APPROVED, APPROVED)));

    static Stream<Arguments> everyActionInEveryStatus() {
        List<Arguments> cases = new ArrayList<>();
        for (Action action : ACTIONS) {
            for (ClaimStatus status : ClaimStatus.values()) {
                cases.add(Arguments.of(action, status));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("everyActionInEveryStatus")
    void applies_the_allowed_transitions_and_refuses_all_others(Action action, ClaimStatus from) {
        Claim claim = inStatus(from);
        long version = claim.version();
        ClaimStatus expected = action.allowed().get(from);
        if (expected != null) {
            Transition transition = action.apply().apply(claim);
            assertThat(claim.status()).isEqualTo(expected);
            if (!action.name().equals("delete")) {
                assertThat(claim.version()).isGreaterThan(version);
            }
            if (transition != null && transition.from() != transition.to()) {
                assertThat(transition.from()).isEqualTo(from);
                assertThat(transition.to()).isEqualTo(expected);
            }
        } else {
            assertThatThrownBy(() -> action.apply().apply(claim))
                    .isInstanceOf(ActionNotAllowedException.class)
                    .satisfies(e -> assertThat(((ActionNotAllowedException) e).status()).isEqualTo(from));
            assertThat(claim.status()).isEqualTo(from);
            assertThat(claim.version()).isEqualTo(version);
        }
    }

    static Stream<Arguments> everyStatus() {
        return Stream.of(ClaimStatus.values()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("everyStatus")
    void edits_are_allowed_only_while_editing_submitted_or_awaiting_the_partner(ClaimStatus status) {
        Claim claim = inStatus(status);
        ClaimDetails before = claim.details();
        ClaimDetails renamedContact = new ClaimDetails(before.name(), before.partnerId(), before.solutionArea(),
                before.activity(), before.customer(), before.products(), before.customerContact(), null,
                new com.cpor.claimservice.claim.domain.Contact("Ewa", null, "ewa@partner.example", "pl-PL", null),
                null, null);
        if (Set.of(EDITING, SUBMITTED, PARTNER_ACTION_REQUIRED).contains(status)) {
            List<FieldChange> changes = claim.edit(renamedContact, Set.of("partnerContact"), NOW);
            assertThat(changes).extracting(FieldChange::field).containsExactly("partnerContact");
            assertThat(changes.getFirst().before()).isEqualTo(before.partnerContact());
            assertThat(claim.details().partnerContact().name()).isEqualTo("Ewa");
        } else {
            assertThatThrownBy(() -> claim.edit(renamedContact, Set.of("partnerContact"), NOW))
                    .isInstanceOf(ActionNotAllowedException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("everyStatus")
    void allowed_actions_match_the_status(ClaimStatus status) {
        List<ClaimAction> allowed = inStatus(status).allowedActions(NOW);
        assertThat(allowed).contains(ClaimAction.COMMENT);
        assertThat(allowed.contains(ClaimAction.WITHDRAW)).isEqualTo(Claim.isActive(status));
        assertThat(allowed.contains(ClaimAction.DELETE)).isEqualTo(status == EDITING);
        assertThat(allowed.contains(ClaimAction.DISPUTE)).isEqualTo(status == REJECTED);
    }
}
