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

/// One job's database and role (both named `pgscenario_<run>_s<k>`, as is the sandbox
/// schema inside: one name to redact from goldens).
pub struct Slot {
    pub name: String,
    config: tokio_postgres::Config,
    pool: Pool,
}

impl Slot {
    /// A pooled session as the slot's role in its database.
    pub(crate) async fn pooled(&self) -> Result<deadpool_postgres::Object, DbError> {
        self.pool.get().await.map_err(|err| DbError::Connect {
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
            config.options(startup_options(None));
        }
        db.connect_with(config, dbname.unwrap_or(&self.name)).await
    }
}

/// The slots of a run, handed out one per running spec.
pub struct Slots {
    all: Vec<Arc<Slot>>,
    free: Mutex<Vec<Arc<Slot>>>,
    available: Arc<Semaphore>,
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
    /// Takes a free slot (there are as many as jobs, so a running spec never waits).
    pub async fn acquire(self: &Arc<Slots>) -> Option<SlotLease> {
        let permit = self.available.clone().acquire_owned().await.ok()?;
        let slot = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop()?;
        Some(SlotLease {
            slot,
            slots: self.clone(),
            _permit: permit,
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(|s| s.name.as_str())
    }
}

/// What a run's isolation is: slots, or schemas of the one database with the reason why.
pub enum SlotSetup {
    Slots(Arc<Slots>),
    /// Why the protections that slots give are off.
    Unavailable(String),
}

/// `-c name=value` startup options, with the slot's search_path when given.
fn startup_options(search_path: Option<&str>) -> String {
    let mut options: Vec<String> = SLOT_OPTIONS
        .iter()
        .map(|(name, value)| format!("-c {name}={value}"))
        .collect();
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

/// Makes `jobs` slots, in parallel, when the connecting role may create roles and
/// databases; otherwise (or when the new roles cannot log in) says why not.
pub async fn prepare(db: &Database, jobs: usize) -> SlotSetup {
    let admin = match db.connect_to(None).await {
        Ok(admin) => admin,
        Err(err) => return SlotSetup::Unavailable(err.to_string()),
    };
    let row = admin
        .query_one(
            "SELECT current_user::text, rolsuper, rolcreaterole AND rolcreatedb FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await;
    let (user, superuser) = match row {
        Ok(row) => {
            let (user, superuser, creates): (String, bool, bool) =
                (row.get(0), row.get(1), row.get(2));
            if !superuser && !creates {
                return SlotSetup::Unavailable(format!(
                    "the role `{user}` may not create roles and databases (it needs CREATEROLE and CREATEDB)"
                ));
            }
            (user, superuser)
        }
        Err(err) => return SlotSetup::Unavailable(DbError::from_postgres(&err).to_string()),
    };
    drop(admin);
    let made = futures_util::future::join_all(
        (0..jobs.max(1)).map(|k| make_slot(db, k, superuser, &user)),
    )
    .await;
    let mut slots = Vec::new();
    let mut failure = None;
    for result in made {
        match result {
            Ok(slot) => slots.push(Arc::new(slot)),
            Err((name, message)) => {
                failure.get_or_insert(message);
                // What was made of a slot that failed half-way is dropped with the others.
                slots.push(Arc::new(Slot {
                    config: db.config.clone(),
                    pool: db.pool.clone(),
                    name,
                }));
            }
        }
    }
    let slots = Arc::new(Slots {
        free: Mutex::new(slots.clone()),
        available: Arc::new(Semaphore::new(slots.len())),
        all: slots,
    });
    match failure {
        None => SlotSetup::Slots(slots),
        Some(message) => {
            teardown(db, &slots).await;
            SlotSetup::Unavailable(message)
        }
    }
}

/// One slot: its role, its database (owned by the role, with search_path pinned), and a
/// first login as the role, which drops the `public` schema (the role owns it, as the
/// database's owner) so that nothing can be created outside the sandbox schema.
async fn make_slot(
    db: &Database,
    k: usize,
    superuser: bool,
    admin_user: &str,
) -> Result<Slot, (String, String)> {
    let name = format!("pgscenario_{}_s{k}", db.registry.run());
    let failed = |message: String| (name.clone(), message);
    let password = random_password().map_err(failed)?;
    let q = quote_ident(&name);
    let admin = db
        .connect_to(None)
        .await
        .map_err(|e| failed(e.to_string()))?;
    let mut statements = vec![format!(
        "CREATE ROLE {q} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'"
    )];
    if !superuser {
        // Creating a database owned by another role takes membership in it.
        statements.push(format!("GRANT {q} TO {}", quote_ident(admin_user)));
    }
    statements.push(format!("CREATE DATABASE {q} OWNER {q} TEMPLATE template0"));
    statements.push(format!(
        "ALTER ROLE {q} IN DATABASE {q} SET search_path TO {q}"
    ));
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
        .password(password.as_bytes())
        .dbname(&name)
        .options(startup_options(Some(&name)));
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
    let first = slot.pooled().await.map_err(|e| {
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

/// Drops the slots' databases (ending their sessions) and then their roles.
pub async fn teardown(db: &Database, slots: &Slots) {
    let Ok(admin) = db.connect_to(None).await else {
        return;
    };
    let admin = &admin;
    futures_util::future::join_all(slots.names().map(|name| async move {
        let q = quote_ident(name);
        let _ = admin
            .simple_query(&format!("DROP DATABASE IF EXISTS {q} WITH (FORCE)"))
            .await;
        let _ = admin
            .simple_query(&format!("DROP ROLE IF EXISTS {q}"))
            .await;
    }))
    .await;
}
