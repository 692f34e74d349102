//! TLS with libpq's sslmode semantics, against the embedded server listening on 127.0.0.1
//! with a certificate signed by a throwaway CA (made here with rcgen).

mod support;

use pgscenario::db::server::{EmbeddedServer, ServerOptions, TlsFiles};
use support::{run, Tree};

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    /// A CA and a server certificate for `localhost` signed by it; another CA besides.
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(rcgen::DnType::CommonName, "pgscenario test CA");
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let server_key = rcgen::KeyPair::generate().unwrap();
        let server = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        let server_cert = server.signed_by(&server_key, &ca_cert, &ca_key).unwrap();
        let other_key = rcgen::KeyPair::generate().unwrap();
        let mut other = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        other.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let other_cert = other.self_signed(&other_key).unwrap();
        let write = |name: &str, text: String| std::fs::write(dir.path().join(name), text).unwrap();
        write("ca.pem", ca_cert.pem());
        write("other-ca.pem", other_cert.pem());
        write("server.crt", server_cert.pem());
        write("server.key", server_key.serialize_pem());
        Pki { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

/// Runs a spec that says whether its own session is encrypted, on `url`.
fn session_ssl(url: &str, expect: &str) -> support::Outcome {
    let tree = Tree::new();
    tree.write(
        "specs/tls.yaml",
        &format!("steps:\n  - sql: SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()\n    expect: {{rows: [[{expect}]]}}\n"),
    );
    let mut cmd = tree.cmd(&["bless"]);
    cmd.env("DATABASE_URL", url);
    run(cmd)
}

#[test]
fn sslmodes_encrypt_and_verify_as_libpq_does() {
    let pki = Pki::new();
    let server = EmbeddedServer::start(&ServerOptions {
        cache_dir: None,
        tls: Some(TlsFiles {
            cert: pki.dir.path().join("server.crt"),
            key: pki.dir.path().join("server.key"),
        }),
    })
    .expect("embedded PostgreSQL with TLS");
    let port = server.tcp_port().expect("a TCP port");
    let at =
        |host: &str, query: &str| format!("postgresql://postgres@{host}:{port}/postgres?{query}");
    let ca = pki.path("ca.pem");

    for (url, ssl) in [
        (at("127.0.0.1", "sslmode=disable"), "false"),
        (at("127.0.0.1", "sslmode=prefer"), "true"),
        (at("127.0.0.1", "sslmode=require"), "true"),
        (
            at("127.0.0.1", &format!("sslmode=verify-ca&sslrootcert={ca}")),
            "true",
        ),
        (
            at(
                "localhost",
                &format!("sslmode=verify-full&sslrootcert={ca}"),
            ),
            "true",
        ),
    ] {
        let out = session_ssl(&url, ssl);
        assert_eq!(out.code, 0, "{url}: {}", out.all());
    }
    // The certificate names localhost, not 127.0.0.1: verify-full refuses, verify-ca not.
    let wrong_name = session_ssl(
        &at(
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        "true",
    );
    assert_eq!(wrong_name.code, 2, "{}", wrong_name.all());
    assert!(
        wrong_name.all().contains("certificate"),
        "{}",
        wrong_name.all()
    );
    // Signed by another CA.
    let other = pki.path("other-ca.pem");
    let untrusted = session_ssl(
        &at(
            "localhost",
            &format!("sslmode=verify-full&sslrootcert={other}"),
        ),
        "true",
    );
    assert_eq!(untrusted.code, 2, "{}", untrusted.all());
    assert!(
        untrusted.all().contains("certificate"),
        "{}",
        untrusted.all()
    );
    // A mode libpq does not know is one clear error.
    let bogus = session_ssl(&at("localhost", "sslmode=verify"), "true");
    assert_eq!(bogus.code, 2, "{}", bogus.all());
    assert!(
        bogus.all().contains("invalid sslmode `verify`"),
        "{}",
        bogus.all()
    );
}
