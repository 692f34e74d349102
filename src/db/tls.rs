//! TLS with libpq's `sslmode` semantics, over rustls (ring; no system OpenSSL to build):
//! `disable`; `prefer` (libpq's default: TLS when the server offers it) and `require`
//! encrypt without checking the certificate, as libpq does, unless an `sslrootcert` is
//! given, which makes `require` check the chain; `verify-ca` checks the chain against
//! `sslrootcert`; `verify-full` checks the chain and the host name. tokio-postgres knows
//! only disable/prefer/require and no `sslrootcert`, so they are taken out of the URL here.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How a connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The TLS part of a URL, and the URL tokio-postgres can parse.
#[derive(Debug, Clone)]
pub struct TlsOptions {
    pub mode: SslMode,
    pub root_cert: Option<PathBuf>,
}

/// Takes `sslmode` and `sslrootcert` out of a URL (`postgres://...?...`) or a key=value
/// string, leaving `sslmode` as tokio-postgres understands it (verify-* → require).
pub fn split_url(url: &str) -> Result<(String, TlsOptions), String> {
    let mut options = TlsOptions {
        mode: SslMode::Prefer,
        root_cert: None,
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else {
            return Ok((url.to_string(), options));
        };
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "sslmode" => {
                    options.mode = parse_mode(&percent_decode(value))?;
                    kept.push(format!("sslmode={}", passed_mode(options.mode)));
                }
                "sslrootcert" => options.root_cert = Some(PathBuf::from(percent_decode(value))),
                _ => kept.push(pair.to_string()),
            }
        }
        let url = match kept.is_empty() {
            true => base.to_string(),
            false => format!("{base}?{}", kept.join("&")),
        };
        return Ok((url, options));
    }
    // key=value pairs separated by spaces; values may be single-quoted.
    let mut kept = Vec::new();
    for (key, value) in key_values(url) {
        match key.as_str() {
            "sslmode" => {
                options.mode = parse_mode(&value)?;
                kept.push(format!("sslmode={}", passed_mode(options.mode)));
            }
            "sslrootcert" => options.root_cert = Some(PathBuf::from(value)),
            _ => kept.push(format!(
                "{key}='{}'",
                value.replace('\\', "\\\\").replace('\'', "\\'")
            )),
        }
    }
    Ok((kept.join(" "), options))
}

fn parse_mode(value: &str) -> Result<SslMode, String> {
    Ok(match value {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" => SslMode::Require,
        "verify-ca" => SslMode::VerifyCa,
        "verify-full" => SslMode::VerifyFull,
        other => {
            return Err(format!(
            "invalid sslmode `{other}` (disable, allow, prefer, require, verify-ca or verify-full)"
        ))
        }
    })
}

fn passed_mode(mode: SslMode) -> &'static str {
    match mode {
        SslMode::Disable => "disable",
        SslMode::Prefer => "prefer",
        _ => "require",
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// libpq's key=value syntax: `key = value`, `key='quoted \' value'`.
fn key_values(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace())).collect();
        if key.is_empty() {
            return out;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '=') {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'\'') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '\'' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect();
        }
        out.push((key, value));
    }
}

/// The rustls connector for these options; `None` for `disable`.
pub fn connector(options: &TlsOptions) -> Result<Option<MakeRustlsConnect>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?;
    let roots = || -> Result<RootCertStore, String> {
        let path = match &options.root_cert {
            Some(path) => path.clone(),
            // libpq's default.
            None => std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".postgresql/root.crt"))
                .ok_or("verify-ca and verify-full need sslrootcert")?,
        };
        let pem = crate::fsread::read_regular(&path, crate::fsread::MAX_INPUT_BYTES)
            .map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
        let mut store = RootCertStore::empty();
        for cert in rustls_pki_types_pem(&pem) {
            store
                .add(cert)
                .map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
        }
        if store.is_empty() {
            return Err(format!(
                "sslrootcert {}: no certificate in it",
                path.display()
            ));
        }
        Ok(store)
    };
    let check_chain = options.mode == SslMode::VerifyCa
        || (options.mode == SslMode::Require && options.root_cert.is_some());
    let config = match options.mode {
        SslMode::Disable => return Ok(None),
        SslMode::VerifyFull => builder
            .with_root_certificates(roots()?)
            .with_no_client_auth(),
        _ => {
            let chain = match check_chain {
                true => Some(
                    rustls::client::WebPkiServerVerifier::builder_with_provider(
                        Arc::new(roots()?),
                        Arc::clone(&provider),
                    )
                    .build()
                    .map_err(|e| format!("TLS: {e}"))?,
                ),
                false => None,
            };
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Lenient { chain, provider }))
                .with_no_client_auth()
        }
    };
    Ok(Some(MakeRustlsConnect::new(config)))
}

/// The certificates of a PEM file.
fn rustls_pki_types_pem(pem: &[u8]) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem)
        .filter_map(Result::ok)
        .collect()
}

/// The certificate check below verify-full: `verify-ca` (a chain that leads to the root,
/// whatever the name), or none (`prefer` and `require` without a root, libpq's behaviour).
/// The handshake's signatures are checked either way.
#[derive(Debug)]
struct Lenient {
    chain: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Lenient {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_and_sslrootcert_are_taken_out_of_urls_and_key_values() {
        let (url, opts) = split_url(
            "postgres://u@h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem&connect_timeout=2",
        )
        .unwrap();
        assert_eq!(url, "postgres://u@h/db?sslmode=require&connect_timeout=2");
        assert_eq!(opts.mode, SslMode::VerifyFull);
        assert_eq!(opts.root_cert, Some(PathBuf::from("/tmp/ca.pem")));
        let (dsn, opts) =
            split_url("host=h user='a b' sslmode=verify-ca sslrootcert=/x.pem").unwrap();
        assert_eq!(dsn, "host='h' user='a b' sslmode=require");
        assert_eq!(opts.mode, SslMode::VerifyCa);
        assert!(split_url("postgres://h/db?sslmode=bogus").is_err());
        let (url, opts) = split_url("postgres://h/db").unwrap();
        assert_eq!(
            (url.as_str(), opts.mode),
            ("postgres://h/db", SslMode::Prefer)
        );
    }
}
