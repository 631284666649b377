package com.cpor.platform.messaging;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a failure caused by a dependency that is (for now) unavailable - PostgreSQL down, restarting or failing
 * over, a deadlock or serialization failure, Kafka unreachable - from one caused by the record or the code. The
 * former is waited out, however long it takes; only the latter can make a record poison.
 */
public final class DependencyFailures {

    /**
     * SQLSTATE classes and codes that say "try again later": connection exceptions (08), insufficient resources
     * (53), operator intervention such as admin or crash shutdown and "cannot connect now" (57P), serialization
     * failure and deadlock (40001, 40P01), lock not available (55P03).
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02",
            "57P03", "57P05");

    private DependencyFailures() {
    }

    /** True if anything in the cause chain says a database or broker was unavailable or refused for now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof RetriableException
                    || cause instanceof SQLException sql && isTransientSqlState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The unknown event type in the cause chain, if the record was skipped for being of a newer type. */
    public static UnknownEventTypeException unknownEventType(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof UnknownEventTypeException unknown) {
                return unknown;
            }
        }
        return null;
    }

    private static boolean isTransientSqlState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_SQL_STATES.contains(state));
    }

    private static Iterable<Throwable> causes(Throwable failure) {
        Map<Throwable, Boolean> chain = new IdentityHashMap<>();
        List<Throwable> ordered = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.put(cause, true) == null; cause = cause.getCause()) {
            ordered.add(cause);
        }
        return ordered;
    }
}
