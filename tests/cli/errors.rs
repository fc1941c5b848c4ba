//! How an error reads: the headline, the causes behind it, the hints,
//! and the exit status (docs/reference/exit-codes.md).

use crate::common::TestEnv;

#[test]
fn a_missing_import_file_shows_the_cause_under_the_headline() {
    let env = TestEnv::new();
    env.run(&["init"]).expect(0);
    let r = env.run(&["import", "vcard", "missing.vcf"]).expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines[0], "error: cannot read `missing.vcf`", "{r}");
    assert!(
        lines[1] == "caused by: there is no such file or folder",
        "{r}"
    );
    assert_eq!(lines.len(), 2, "{r}");
    assert!(r.stdout.is_empty(), "{r}");
}

#[test]
fn an_error_whose_text_holds_its_cause_shows_no_caused_by_line() {
    let env = TestEnv::new();
    let r = env.run(&["-C", "nowhere", "list", "contacts"]).expect(2);
    assert!(r.stderr.starts_with("error: `"), "{r}");
    assert!(r.stderr.contains("is not a folder"), "{r}");
    assert!(!r.stderr.contains("caused by:"), "{r}");
    assert!(r.stderr.contains("hint: run `infoview init`"), "{r}");
}
