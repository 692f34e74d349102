//! Job slots: one database and one restricted role per job, made at the start of a run.
//!
//! A spec in a slot runs in the slot's database, connected *as* the slot's role (a login of
//! its own, not `SET ROLE`, which a spec could undo). The role owns that database and
//! nothing else, may not create roles or databases, and its sessions start with the
//! sandbox schema pinned on the search_path, so the catalog shows a spec only its own
//! objects and `RESET ALL` or `DISCARD ALL` keep them inside. The database has no `public`
//! schema: nothing can be created outside the sandbox schema unless the spec creates
//! another schema, which the slot's role then owns and the clean-up drops with the rest.

use std::sync::{Arc, Mutex};

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use futures_util::StreamExt;
use tokio::sync::Semaphore;
use tokio_postgres::NoTls;

use super::sandbox::quote_ident;
use super::{pool_cause, Database, DbError};

/// Settings every session of a slot starts with, sent in the startup packet: they win over
/// any `ALTER ROLE ... SET` a spec makes, and `RESET ALL` / `DISCARD ALL` return to them.
const SLOT_OPTIONS: &[(&str, &str)] = &[
    ("default_transaction_read_only", "off"),
    ("statement_timeout", "0"),
    ("lock_timeout", "0"),
    ("idle_in_transaction_session_timeout", "0"),
];

/// Slots made at once in the background, and dropped at once at the end.
const SETUP_PARALLELISM: usize = 2;

/// One job's database and role (both named `pgscenario_<run>_s<k>`, as is the sandbox
/// schema inside: one name to redact from goldens).
pub struct Slot {
    pub name: String,
    config: tokio_postgres::Config,
    pool: Pool,
}

impl Slot {
    /// What drops everything a spec made in the slot: its objects (the sandbox schema, any
    /// other schema, large objects, privileges it granted) and any default it gave the
    /// role or the database for later sessions (`ALTER ROLE CURRENT_USER SET ...`).
    pub(crate) fn cleanup_sql(&self) -> String {
        let q = quote_ident(&self.name);
        format!(
            "DROP OWNED BY CURRENT_USER; ALTER ROLE CURRENT_USER RESET ALL; \
             ALTER ROLE CURRENT_USER IN DATABASE {q} RESET ALL; ALTER DATABASE {q} RESET ALL"
        )
    }

    /// What the run's role sends to undo the defaults a spec gave the slot's role or its
    /// database from a database of its own (`isolation: database`), where `cleanup_sql`
    /// cannot run.
    pub(crate) fn reset_sql(&self) -> String {
        let q = quote_ident(&self.name);
        format!(
            "ALTER ROLE {q} RESET ALL; ALTER ROLE {q} IN DATABASE {q} RESET ALL; \
             ALTER DATABASE {q} RESET ALL"
        )
    }

    /// A pooled session as the slot's role in its database.
    pub(crate) async fn pooled(&self, db: &Database) -> Result<deadpool_postgres::Object, DbError> {
        let first = match self.pool.get().await {
            Err(deadpool_postgres::PoolError::Backend(err)) if locked_out(&err) => {
                self.repair(db).await?;
                self.pool.get().await
            }
            first => first,
        };
        first.map_err(|err| DbError::Connect {
            url: format!("database {} as role {}", self.name, self.name),
            message: pool_cause(&err),
        })
    }

    /// A dedicated session as the slot's role, in its database or in `dbname`.
    pub(crate) async fn connect(
        &self,
        db: &Database,
        dbname: Option<&str>,
    ) -> Result<tokio_postgres::Client, DbError> {
        let mut config = self.config.clone();
        if let Some(dbname) = dbname {
            config.dbname(dbname);
            // Another database (`isolation: database`) has no slot schema: keep its own
            // search_path, as a fresh database does.
            config.options(startup_options(db.config.get_options(), None));
        }
        let named = dbname.unwrap_or(&self.name);
        match db.connect_raw(config.clone()).await {
            Ok(client) => Ok(client),
            Err(err) if locked_out(&err) => {
                self.repair(db).await?;
                db.connect_with(config, named).await
            }
            Err(err) => Err(db.connect_failed(&err, named)),
        }
    }

    /// Lets the slot's role log in again after a spec locked it out: the role may change its
    /// own password, and as the database's owner its connection limit, its own CONNECT
    /// privilege (and, from a database of its own, whether it allows connections). The
    /// run's role, which made the slot, sets them back.
    async fn repair(&self, db: &Database) -> Result<(), DbError> {
        let q = quote_ident(&self.name);
        let mut sql = format!(
            "ALTER DATABASE {q} WITH ALLOW_CONNECTIONS true CONNECTION LIMIT -1; \
             GRANT ALL ON DATABASE {q} TO {q}"
        );
        if let Some(password) = self.config.get_password() {
            let password = String::from_utf8_lossy(password);
            sql.push_str(&format!("; ALTER ROLE {q} PASSWORD '{password}'"));
        }
        let admin = db.pooled().await?;
        admin
            .batch_execute(&sql)
            .await
            .map_err(|e| DbError::from_postgres(&e))
    }
}

/// Whether a login as a slot's role failed in a way a spec can cause from inside its slot
/// (by SQLSTATE, whatever the server's language): a changed password, a connection limit
/// of 0, a revoked CONNECT, or a database that no longer allows connections.
fn locked_out(err: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    err.code().is_some_and(|code| {
        [
            SqlState::INVALID_PASSWORD,
            SqlState::TOO_MANY_CONNECTIONS,
            SqlState::INSUFFICIENT_PRIVILEGE,
            SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
        ]
        .contains(code)
    })
}

/// The slots of a run, handed out one per running spec. The first is made before the run
/// starts; the others are made in the background, joining as each is ready, so that a run
/// starts after one slot's cost, not `jobs` slots'.
pub struct Slots {
    /// Every slot made, or half-made (dropped at the end all the same).
    made: Mutex<Vec<String>>,
    free: Mutex<Vec<Arc<Slot>>>,
    available: Arc<Semaphore>,
    making: tokio::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// A slot taken by one spec; it returns to the free list when dropped.
pub struct SlotLease {
    slot: Arc<Slot>,
    slots: Arc<Slots>,
    // Held for its Drop: the semaphore's count follows the free list.
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl SlotLease {
    pub fn slot(&self) -> &Arc<Slot> {
        &self.slot
    }
}

impl Drop for SlotLease {
    fn drop(&mut self) {
        let mut free = self.slots.free.lock().unwrap_or_else(|e| e.into_inner());
        free.push(self.slot.clone());
    }
}

impl Slots {
    /// Takes a free slot (one per job: a spec waits only for a slot still being made).
    pub async fn acquire(self: &Arc<Slots>) -> Option<SlotLease> {
        let permit = self.available.clone().acquire_owned().await.ok()?;
        let slot = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop()?;
        Some(SlotLease {
            slot,
            slots: self.clone(),
            _permit: permit,
        })
    }

    /// Waits until the slots made in the background are all made (or failed).
    pub async fn ready(&self) {
        if let Some(making) = self.making.lock().await.take() {
            let _ = making.await;
        }
    }

    /// Notes a slot's name for the teardown, made whole or not.
    fn remember(&self, name: String) {
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(name);
    }

    fn add(&self, slot: Slot) {
        self.remember(slot.name.clone());
        self.free
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Arc::new(slot));
        self.available.add_permits(1);
    }
}

/// `-c name=value` startup options, with the slot's search_path when given, placed
/// after the URL's own `options` (the last setting of a name wins).
fn startup_options(url_options: Option<&str>, search_path: Option<&str>) -> String {
    let mut options: Vec<String> = url_options.into_iter().map(str::to_string).collect();
    options.extend(
        SLOT_OPTIONS
            .iter()
            .map(|(name, value)| format!("-c {name}={value}")),
    );
    if let Some(path) = search_path {
        options.push(format!("-c search_path={path}"));
    }
    options.join(" ")
}

/// A password no one needs to know: 32 hex digits from the system's secure source.
fn random_password() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut bytes)
        .map_err(|_| "no secure random source".to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Makes the first slot, and the rest of `jobs` in the background, when the connecting
/// role may create roles and databases; otherwise (or when the new role cannot log in)
/// says why not.
pub async fn prepare(db: &Database, jobs: usize) -> Result<Arc<Slots>, String> {
    let admin = db.pooled().await.map_err(|err| err.to_string())?;
    let row = admin
        .query_one(
            "SELECT current_user::text, rolsuper, rolcreaterole AND rolcreatedb FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await;
    drop(admin);
    let maker = match row {
        Ok(row) => {
            let (user, superuser, creates): (String, bool, bool) =
                (row.get(0), row.get(1), row.get(2));
            if !superuser && !creates {
                return Err(format!(
                    "the role `{user}` may not create roles and databases (it needs CREATEROLE and CREATEDB)"
                ));
            }
            Maker {
                db: db.clone(),
                admin_user: user,
                superuser,
            }
        }
        Err(err) => return Err(DbError::from_postgres(&err).to_string()),
    };
    let slots = Arc::new(Slots {
        made: Mutex::new(Vec::new()),
        free: Mutex::new(Vec::new()),
        available: Arc::new(Semaphore::new(0)),
        making: tokio::sync::Mutex::new(None),
    });
    match maker.make(0).await {
        Ok(slot) => slots.add(slot),
        Err((name, message)) => {
            slots.remember(name);
            teardown(db, &slots).await;
            return Err(message);
        }
    }
    if jobs > 1 {
        let background = slots.clone();
        let task = tokio::spawn(async move {
            // A few at a time: each takes an admin connection, and the server's connections
            // were counted for the jobs plus a few spare.
            let mut made = futures_util::stream::iter(1..jobs)
                .map(|k| maker.make(k))
                .buffer_unordered(SETUP_PARALLELISM);
            while let Some(result) = made.next().await {
                match result {
                    Ok(slot) => background.add(slot),
                    // The run goes on with the slots it has; what was made is dropped.
                    Err((name, _)) => background.remember(name),
                }
            }
        });
        *slots.making.lock().await = Some(task);
    }
    Ok(slots)
}

/// What making a slot needs.
struct Maker {
    db: Database,
    admin_user: String,
    superuser: bool,
}

impl Maker {
    /// One slot: its role, its database (owned by the role), and a first login as the
    /// role, which drops the `public` schema (the role owns it, as the database's owner)
    /// so that nothing can be created outside the sandbox schema. A failure carries the
    /// slot's name, so that what was made of it is dropped.
    async fn make(&self, k: usize) -> Result<Slot, (String, String)> {
        let db = &self.db;
        let name = format!("pgscenario_{}_s{k}", db.registry.run());
        let failed = |message: String| (name.clone(), message);
        // A password only where the run logs in with one: hashing it (SCRAM) costs ~7 ms, and
        // a server that lets the run in without one (trust) lets the slot in too.
        let password = match db.config.get_password() {
            Some(_) => Some(random_password().map_err(failed)?),
            None => None,
        };
        let password_clause = password
            .as_ref()
            .map_or(String::new(), |p| format!(" PASSWORD '{p}'"));
        let q = quote_ident(&name);
        let admin = db.pooled().await.map_err(|e| failed(e.to_string()))?;
        let mut statements = vec![format!(
            "CREATE ROLE {q} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS{password_clause}"
        )];
        if !self.superuser {
            // Creating a database owned by another role takes membership in it.
            statements.push(format!("GRANT {q} TO {}", quote_ident(&self.admin_user)));
        }
        statements.push(format!("CREATE DATABASE {q} OWNER {q} TEMPLATE template0"));
        statements.push(format!(
            "REVOKE CONNECT, TEMPORARY ON DATABASE {q} FROM PUBLIC"
        ));
        for statement in &statements {
            admin
                .simple_query(statement)
                .await
                .map_err(|e| failed(DbError::from_postgres(&e).to_string()))?;
        }
        drop(admin);
        let mut config = db.config.clone();
        config
            .user(&name)
            .dbname(&name)
            .options(startup_options(db.config.get_options(), Some(&name)));
        if let Some(password) = &password {
            config.password(password.as_bytes());
        }
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match &db.tls {
            Some(tls) => Manager::from_config(config.clone(), tls.clone(), manager_config),
            None => Manager::from_config(config.clone(), NoTls, manager_config),
        };
        let pool = Pool::builder(manager)
            .max_size(1)
            .build()
            .map_err(|e| failed(e.to_string()))?;
        let slot = Slot {
            name: name.clone(),
            config,
            pool,
        };
        let first = slot.pooled(db).await.map_err(|e| {
            let message = match e {
                DbError::Connect { message, .. } => message,
                other => other.to_string(),
            };
            failed(format!(
                "cannot log in as the job role it created: {message}"
            ))
        })?;
        first
            .simple_query("DROP SCHEMA IF EXISTS public")
            .await
            .map_err(|e| failed(DbError::from_postgres(&e).to_string()))?;
        drop(first);
        Ok(slot)
    }
}

/// Drops the slots' databases (ending their sessions) and then their roles, a few at a
/// time, once the background has finished making them.
pub async fn teardown(db: &Database, slots: &Slots) {
    slots.ready().await;
    let names: Vec<String> = slots
        .made
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain(..)
        .collect();
    futures_util::stream::iter(names)
        .map(|name| async move {
            let Ok(admin) = db.pooled().await else {
                return;
            };
            let q = quote_ident(&name);
            let _ = super::sandbox::drop_database(&admin, &name).await;
            let _ = admin
                .simple_query(&format!("DROP ROLE IF EXISTS {q}"))
                .await;
        })
        .buffer_unordered(SETUP_PARALLELISM)
        .collect::<()>()
        .await;
}
