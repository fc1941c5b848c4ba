//! Who commits: author and committer, resolved the way git resolves them.
//!
//! git reads `GIT_AUTHOR_NAME`, `GIT_AUTHOR_EMAIL`, `GIT_AUTHOR_DATE` and
//! the `GIT_COMMITTER_*` counterparts first, then `author.*` /
//! `committer.*` and `user.*` from git config, then `EMAIL`. infoview does
//! the same, but refuses to guess a name from the host the way git can: a
//! journal's history should say who wrote it. The environment is passed
//! in as a [`GitEnv`] value (only the CLI reads the process environment).

use super::GitError;

/// The identity-related environment variables git honours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GitEnv {
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub author_date: Option<String>,
    pub committer_name: Option<String>,
    pub committer_email: Option<String>,
    pub committer_date: Option<String>,
    /// `EMAIL`, git's last resort for an email address.
    pub email: Option<String>,
}

impl GitEnv {
    /// Builds the value from a variable lookup, e.g.
    /// `GitEnv::from_lookup(|k| std::env::var(k).ok())`.
    pub(crate) fn from_lookup(get: impl Fn(&str) -> Option<String>) -> GitEnv {
        GitEnv {
            author_name: get("GIT_AUTHOR_NAME"),
            author_email: get("GIT_AUTHOR_EMAIL"),
            author_date: get("GIT_AUTHOR_DATE"),
            committer_name: get("GIT_COMMITTER_NAME"),
            committer_email: get("GIT_COMMITTER_EMAIL"),
            committer_date: get("GIT_COMMITTER_DATE"),
            email: get("EMAIL"),
        }
    }
}

/// One side of a commit's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub name: String,
    pub email: String,
    /// A fixed time (from `GIT_*_DATE`); `None` = the time of the commit.
    pub when: Option<git2::Time>,
}

impl Person {
    /// The signature for a commit made now.
    pub(crate) fn signature(&self) -> Result<git2::Signature<'static>, git2::Error> {
        match self.when {
            Some(t) => git2::Signature::new(&self.name, &self.email, &t),
            None => git2::Signature::now(&self.name, &self.email),
        }
    }
}

/// Author and committer of the commits infoview makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub author: Person,
    pub committer: Person,
}

impl Identity {
    /// Resolves the identity from git config values (`get("user.name")`)
    /// and the environment, in git's order. No name or no email is an
    /// error saying how to set them.
    pub(crate) fn resolve(
        get: impl Fn(&str) -> Option<String>,
        env: &GitEnv,
    ) -> Result<Identity, GitError> {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let pick = |env_value: &Option<String>, role: &str, key: &str| {
            clean(env_value.clone())
                .or_else(|| clean(get(&format!("{role}.{key}"))))
                .or_else(|| clean(get(&format!("user.{key}"))))
        };
        let email_fallback = clean(env.email.clone());
        let author_name = pick(&env.author_name, "author", "name");
        let committer_name = pick(&env.committer_name, "committer", "name");
        let author_email =
            pick(&env.author_email, "author", "email").or_else(|| email_fallback.clone());
        let committer_email =
            pick(&env.committer_email, "committer", "email").or_else(|| email_fallback.clone());
        let missing = match (
            &author_name,
            &committer_name,
            &author_email,
            &committer_email,
        ) {
            (None, ..) | (_, None, ..) => Some("user.name"),
            (.., None, _) | (.., None) => Some("user.email"),
            _ => None,
        };
        if let Some(key) = missing {
            return Err(GitError::NoIdentity { missing: key });
        }
        let date = |var: &str, v: &Option<String>| -> Result<Option<git2::Time>, GitError> {
            match clean(v.clone()) {
                None => Ok(None),
                Some(s) => parse_git_date(&s)
                    .map(Some)
                    .ok_or_else(|| GitError::BadDate {
                        var: var.to_string(),
                        value: s,
                    }),
            }
        };
        Ok(Identity {
            author: Person {
                name: author_name.unwrap_or_default(),
                email: author_email.unwrap_or_default(),
                when: date("GIT_AUTHOR_DATE", &env.author_date)?,
            },
            committer: Person {
                name: committer_name.unwrap_or_default(),
                email: committer_email.unwrap_or_default(),
                when: date("GIT_COMMITTER_DATE", &env.committer_date)?,
            },
        })
    }
}

/// Parses the date formats git accepts in `GIT_*_DATE`: git's internal
/// `@1718452800 +0200` (or without `@`), RFC 3339 / ISO 8601
/// (`2026-06-15T12:00:00+02:00`, `2026-06-15 12:00:00 +0200`) and
/// RFC 2822 (`Mon, 15 Jun 2026 12:00:00 +0200`).
pub(crate) fn parse_git_date(s: &str) -> Option<git2::Time> {
    let s = s.trim();
    // Internal format: seconds and an offset.
    let raw = s.strip_prefix('@').unwrap_or(s);
    if let Some((secs, off)) = raw.split_once(' ')
        && let Ok(secs) = secs.parse::<i64>()
    {
        return offset_minutes(off).map(|m| git2::Time::new(secs, m));
    }
    if s.starts_with('@')
        && let Ok(secs) = raw.parse::<i64>()
    {
        return Some(git2::Time::new(secs, 0));
    }
    let zoned = s
        .parse::<jiff::Zoned>()
        .ok()
        .or_else(|| {
            s.parse::<jiff::Timestamp>()
                .ok()
                .and_then(|t| fixed_offset_zoned(s, t))
        })
        .or_else(|| jiff::fmt::rfc2822::parse(s).ok())
        .or_else(|| {
            jiff::fmt::strtime::parse("%Y-%m-%d %H:%M:%S %z", s)
                .ok()
                .and_then(|b| b.to_zoned().ok())
        });
    zoned.map(|z| git2::Time::new(z.timestamp().as_second(), z.offset().seconds() / 60))
}

/// A timestamp written with a numeric offset keeps that offset.
fn fixed_offset_zoned(s: &str, t: jiff::Timestamp) -> Option<jiff::Zoned> {
    let tail = s.get(s.len().saturating_sub(6)..)?;
    let offset = if s.ends_with('Z') || s.ends_with('z') {
        jiff::tz::Offset::UTC
    } else {
        let minutes = offset_minutes(&tail.replace(':', ""))?;
        jiff::tz::Offset::from_seconds(minutes * 60).ok()?
    };
    Some(t.to_zoned(jiff::tz::TimeZone::fixed(offset)))
}

/// `+0200` / `-0530` → minutes east of UTC.
fn offset_minutes(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn config_then_env_overrides() {
        let cfg = config(&[
            ("user.name", "Sam Rivera"),
            ("user.email", "sam@example.org"),
        ]);
        let id = Identity::resolve(&cfg, &GitEnv::default()).unwrap();
        assert_eq!(id.author.name, "Sam Rivera");
        assert_eq!(id.committer.email, "sam@example.org");
        assert_eq!(id.author.when, None);
        let env = GitEnv {
            author_name: Some("Ana".into()),
            committer_date: Some("2026-06-15T12:00:00+02:00".into()),
            ..GitEnv::default()
        };
        let id = Identity::resolve(&cfg, &env).unwrap();
        assert_eq!(id.author.name, "Ana");
        assert_eq!(id.committer.name, "Sam Rivera");
        let t = id.committer.when.unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_781_517_600, 120));
    }

    #[test]
    fn author_and_committer_config_keys() {
        let cfg = config(&[
            ("user.name", "Sam"),
            ("user.email", "sam@example.org"),
            ("committer.name", "Bot"),
        ]);
        let id = Identity::resolve(&cfg, &GitEnv::default()).unwrap();
        assert_eq!(
            (id.author.name.as_str(), id.committer.name.as_str()),
            ("Sam", "Bot")
        );
    }

    #[test]
    fn missing_identity_is_an_error() {
        let e = Identity::resolve(config(&[]), &GitEnv::default()).unwrap_err();
        assert!(matches!(
            e,
            GitError::NoIdentity {
                missing: "user.name"
            }
        ));
        let e = Identity::resolve(config(&[("user.name", "Sam")]), &GitEnv::default()).unwrap_err();
        assert!(matches!(
            e,
            GitError::NoIdentity {
                missing: "user.email"
            }
        ));
        let env = GitEnv {
            email: Some("sam@example.org".into()),
            ..GitEnv::default()
        };
        assert!(Identity::resolve(config(&[("user.name", "Sam")]), &env).is_ok());
        let e = Identity::resolve(config(&[("user.name", "  ")]), &env).unwrap_err();
        assert!(matches!(
            e,
            GitError::NoIdentity {
                missing: "user.name"
            }
        ));
    }

    #[test]
    fn git_date_formats() {
        let t = |s: &str| parse_git_date(s).map(|t| (t.seconds(), t.offset_minutes()));
        assert_eq!(t("@1781524800 +0000"), Some((1_781_524_800, 0)));
        assert_eq!(t("1781524800 -0530"), Some((1_781_524_800, -330)));
        assert_eq!(t("2026-06-15T12:00:00+00:00"), Some((1_781_524_800, 0)));
        assert_eq!(t("2026-06-15T12:00:00Z"), Some((1_781_524_800, 0)));
        assert_eq!(t("2026-06-15 14:00:00 +0200"), Some((1_781_524_800, 120)));
        assert_eq!(
            t("Mon, 15 Jun 2026 12:00:00 +0000"),
            Some((1_781_524_800, 0))
        );
        assert_eq!(t("soon"), None);
        let bad = GitEnv {
            author_date: Some("soon".into()),
            ..GitEnv::default()
        };
        let cfg = config(&[("user.name", "Sam"), ("user.email", "s@x")]);
        assert!(matches!(
            Identity::resolve(cfg, &bad),
            Err(GitError::BadDate { .. })
        ));
    }
}
