//! Django's hold on a session's connection (`BaseDatabaseWrapper`): it connects lazily,
//! with the first cursor, and then sets the connection's time zone; it checks a reused
//! connection's health once per request (`CONN_HEALTH_CHECKS`), and after an error that may
//! have broken it; at a request's start and end it closes a connection that is too old
//! (`CONN_MAX_AGE`). What it sends for that is logged as upkeep: shown in the golden, never
//! counted as the code's queries (Django sends it on a raw psycopg cursor, which
//! `assertNumQueries` does not see either).

/// What Django does with a connection, and where it stands.
use crate::log::Upkeep;

#[derive(Debug, Clone)]
pub struct DjangoConnection {
    /// The time zone set on each new connection (`SELECT set_config('TimeZone', ...)`, sent
    /// because the server's own zone, `Etc/UTC` in the official image, is not Django's name).
    zone: String,
    /// `CONN_MAX_AGE = 0`: a request's start and end close the connection. (A positive age
    /// outlives any spec, so it behaves as `None`, never closing.)
    close_at_requests: bool,
    /// `CONN_HEALTH_CHECKS`.
    health_checks: bool,
    /// Django has a connection (`connection.connection is not None`).
    connected: bool,
    /// The health of the connection was checked in this request, or it is new.
    health_check_done: bool,
    /// A database error other than DataError and IntegrityError since the last check:
    /// the end of the request checks that the connection still works.
    errors_occurred: bool,
    /// The name the golden gives the connection (`conn#2`), while connected.
    pub name: Option<usize>,
}

/// What a request boundary (`close_if_unusable_or_obsolete`) decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// Nothing to do, or the connection is kept.
    Keep,
    /// Send `SELECT 1` first (an error occurred): then `Closed` if it fails, else go on.
    CheckFirst,
    /// The connection is closed (its name given), and why.
    Close {
        name: Option<usize>,
        why: &'static str,
    },
}

impl DjangoConnection {
    pub fn new(zone: &str, close_at_requests: bool, health_checks: bool) -> Self {
        DjangoConnection {
            zone: zone.to_string(),
            close_at_requests,
            health_checks,
            connected: false,
            health_check_done: false,
            errors_occurred: false,
            name: None,
        }
    }

    /// The time zone statement of a new connection, as the server gets it from psycopg.
    pub fn set_up_sql(&self) -> String {
        format!(
            "SELECT set_config('TimeZone', '{}', false)",
            self.zone.replace('\'', "''")
        )
    }

    /// `_cursor()`: `close_if_health_check_failed()` then `ensure_connection()`. What to
    /// send first, if anything; `connect` gives the new connection's name.
    pub fn before_cursor(&mut self, connect: impl FnOnce() -> usize) -> Option<Upkeep> {
        if !self.connected {
            let name = connect();
            self.connected = true;
            self.health_check_done = true;
            self.errors_occurred = false;
            self.name = Some(name);
            return Some(Upkeep::Connect(name));
        }
        if self.health_checks && !self.health_check_done {
            self.health_check_done = true;
            return Some(Upkeep::HealthCheck);
        }
        None
    }

    /// A statement failed: Django's error wrapper notes every database error but DataError
    /// and IntegrityError (SQLSTATE classes 22 and 23).
    pub fn failed(&mut self, sqlstate: &str) {
        if !matches!(sqlstate.get(..2), Some("22" | "23")) {
            self.errors_occurred = true;
        }
    }

    /// `close_if_unusable_or_obsolete()`, at a request's start or end.
    pub fn at_request_boundary(&mut self) -> Boundary {
        if !self.connected {
            return Boundary::Keep;
        }
        self.health_check_done = false;
        if self.errors_occurred {
            return Boundary::CheckFirst;
        }
        self.close_if_obsolete()
    }

    /// After the check that `CheckFirst` asked for.
    pub fn checked(&mut self, usable: bool) -> Boundary {
        if !usable {
            return self.close("it failed its check");
        }
        self.errors_occurred = false;
        self.health_check_done = true;
        self.close_if_obsolete()
    }

    fn close_if_obsolete(&mut self) -> Boundary {
        match self.close_at_requests {
            true => self.close("CONN_MAX_AGE is 0"),
            false => Boundary::Keep,
        }
    }

    fn close(&mut self, why: &'static str) -> Boundary {
        self.connected = false;
        Boundary::Close {
            name: self.name.take(),
            why,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_connection_is_set_up_once_and_checked_per_request() {
        let mut conn = DjangoConnection::new("UTC", false, true);
        assert_eq!(conn.before_cursor(|| 1), Some(Upkeep::Connect(1)));
        assert_eq!(conn.before_cursor(|| 2), None);
        assert_eq!(conn.at_request_boundary(), Boundary::Keep);
        assert_eq!(conn.before_cursor(|| 2), Some(Upkeep::HealthCheck));
        assert_eq!(conn.before_cursor(|| 2), None);
    }

    #[test]
    fn an_operational_error_is_checked_at_the_boundary_and_max_age_zero_closes() {
        let mut conn = DjangoConnection::new("UTC", true, false);
        conn.before_cursor(|| 1);
        conn.failed("22012");
        let closed = |n| Boundary::Close {
            name: Some(n),
            why: "CONN_MAX_AGE is 0",
        };
        assert_eq!(conn.at_request_boundary(), closed(1));
        conn.before_cursor(|| 2);
        conn.failed("42601");
        assert_eq!(conn.at_request_boundary(), Boundary::CheckFirst);
        assert_eq!(conn.checked(true), closed(2));
        assert_eq!(conn.at_request_boundary(), Boundary::Keep);
    }
}
