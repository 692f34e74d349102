//! Database URLs in messages: the password never shows.

use std::sync::LazyLock;

use regex::Regex;

static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:@/]*):(?P<password>[^/]*)@")
        .expect("valid regex")
});
static KEY_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<key>password\s*=\s*)(?P<value>'(?:[^'\\]|\\.)*'|[^\s&]*)")
        .expect("valid regex")
});

/// The URL (or key=value string) with any password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let hidden = URL_PASSWORD.replace(url, "${scheme}${user}:***@");
    KEY_PASSWORD.replace_all(&hidden, "${key}***").into_owned()
}

/// The password a URL carries, to scrub it from messages that quote it.
pub(super) fn password_of(url: &str) -> Option<String> {
    if let Some(c) = URL_PASSWORD.captures(url) {
        return Some(c["password"].to_string());
    }
    KEY_PASSWORD
        .captures(url)
        .map(|c| c["value"].trim_matches('\'').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_passwords_in_urls_and_keyword_strings() {
        assert_eq!(
            redact_url("postgres://bob:s3cr@t@db:5432/x"),
            "postgres://bob:***@db:5432/x"
        );
        assert_eq!(redact_url("postgresql://bob@db/x"), "postgresql://bob@db/x");
        assert_eq!(
            redact_url("host=db password=s3cret user=bob"),
            "host=db password=*** user=bob"
        );
        assert_eq!(
            redact_url("postgres://db/x?password=s3cret&sslmode=disable"),
            "postgres://db/x?password=***&sslmode=disable"
        );
    }

    #[test]
    fn finds_the_password_to_scrub() {
        assert_eq!(password_of("postgres://bob:pw@db/x").as_deref(), Some("pw"));
        assert_eq!(
            password_of("host=db password='p w'").as_deref(),
            Some("p w")
        );
        assert_eq!(password_of("postgres://db/x"), None);
    }
}
