//! Portability that Linux can simulate (issue 19, docs/portability.md):
//! decomposed (NFD) file names as macOS hands them back, paths typed with
//! `\` as on Windows, and `\`-free ids and `/` paths in output.

use crate::common::TestEnv;

/// `José` as `e` + U+0301 (NFD) and as one `é` (NFC).
const NFD_ID: &str = "jose\u{301}-ruiz";
const NFC_ID: &str = "jos\u{e9}-ruiz";

/// The contact's name slugs to another id, so that only the id can match.
fn journal_with_nfd_name() -> TestEnv {
    let env = TestEnv::new();
    env.write("infoview.yml", "");
    env.write(
        &format!("contacts/{NFD_ID}.md"),
        "---\nname: Pepe Ruiz\ncompany: Initech\n---\nNotes.\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jose-ruiz.md",
        format!(
            "---\ncontact: \"[[{NFC_ID}]]\"\nstatus: done\ndate: 2026-06-10\nthank_you: 2026-06-11\n---\n## Notes\nMet [[{NFC_ID}]].\n"
        ),
    );
    env
}

#[test]
fn an_nfd_file_name_has_an_nfc_id_that_links_and_lookups_find() {
    let env = journal_with_nfd_name();
    assert!(env.path(&format!("contacts/{NFD_ID}.md")).exists());
    // The interview's `[[wikilink]]` (NFC) names the NFD file's contact.
    let lint = env.run(&["lint"]);
    assert!(
        !lint.stdout.contains("unknown-contact") && !lint.stdout.contains(NFC_ID),
        "{lint}"
    );
    // Typed in NFC (as a keyboard types it) and in NFD: the same contact.
    for typed in [NFC_ID, NFD_ID] {
        let r = env.run(&["show", typed]).expect(0);
        assert!(r.stdout.contains("Initech"), "{r}");
    }
    // The id shown is the composed one.
    let list = env.run(&["list", "contacts"]).expect(0);
    assert!(list.stdout.contains(NFC_ID), "{list}");
    assert!(!list.stdout.contains(NFD_ID), "{list}");
}

#[test]
fn set_edits_the_nfd_file_in_place() {
    let env = journal_with_nfd_name();
    env.run(&["set", NFC_ID, "company=Globex"]).expect(0);
    let text = env.read(&format!("contacts/{NFD_ID}.md"));
    assert!(text.contains("company: Globex"), "{text}");
    // No second file in the composed form.
    assert!(!env.path(&format!("contacts/{NFC_ID}.md")).exists());
}

#[test]
fn a_path_typed_with_backslashes_is_accepted() {
    let env = journal_with_nfd_name();
    let r = env
        .run(&["show", "interviews\\2026\\2026-06-10-jose-ruiz.md"])
        .expect(0);
    assert!(r.stdout.contains("2026-06-10"), "{r}");
    // Shown with `/`, never `\`.
    let list = env.run(&["list", "interviews"]).expect(0);
    assert!(!list.stdout.contains('\\'), "{list}");
}

/// Windows' checkout: `core.autocrlf=true` stores LF and writes CRLF.
#[test]
fn a_crlf_checkout_under_autocrlf_lints_and_sets_without_changing_every_file() {
    let env = TestEnv::with_git();
    env.git(&["config", "core.autocrlf", "true"]);
    env.write("infoview.yml", "");
    env.write(
        "contacts/jane-doe.md",
        "---\r\nname: Jane Doe\r\ncompany: Initech\r\n---\r\nNotes.\r\n",
    );
    env.write(
        "contacts/bob-lee.md",
        "---\r\nname: Bob Lee\r\ncompany: Globex\r\n---\r\nNotes.\r\n",
    );
    env.write(
        "interviews/2026/2026-06-10-jane-doe.md",
        "---\r\ncontact: jane-doe\r\nstatus: done\r\ndate: 2026-06-10\r\nthank_you: 2026-06-11\r\n---\r\n## Notes\r\nGood.\r\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", "journal"]);
    // The repository holds LF, the files CRLF, and git sees no change.
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert!(
        !env.git(&["show", "HEAD:contacts/bob-lee.md"])
            .contains('\r')
    );

    let lint = env.run(&["lint"]);
    assert!(lint.code == 0 || lint.code == 1, "{lint}");
    assert_eq!(env.git(&["status", "--porcelain"]), "");

    let before = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    env.run(&["set", "jane-doe", "company=Hooli"]).expect(0);
    let text = env.read("contacts/jane-doe.md");
    assert_eq!(
        text,
        "---\r\nname: Jane Doe\r\ncompany: Hooli\r\n---\r\nNotes.\r\n"
    );
    // Since the journal's commit, committed by set or not, only that
    // file changed (the working tree compared with that commit).
    let changed = env.git(&["diff", "--name-only", &before]);
    assert_eq!(changed.trim(), "contacts/jane-doe.md");
}
