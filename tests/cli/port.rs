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
