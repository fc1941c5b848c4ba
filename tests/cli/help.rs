//! Every command's `--help`, as the real binary prints it, snapshot-tested:
//! the tree of commands is walked from the command-line definitions, so a
//! new command is covered without a line here (and its snapshot must be
//! reviewed: `INSTA_UPDATE=always cargo test --test cli help::`, then
//! read the new `tests/cli/snapshots/cli__help__*.snap`).

use crate::common::TestEnv;

/// The path of every command that `--help` lists, `infoview` first
/// (`["infoview"]`, `["infoview", "sync"]`, …); hidden ones and clap's
/// own `help` are left out.
fn command_paths(cmd: &clap::Command, parent: &[String], out: &mut Vec<Vec<String>>) {
    if cmd.is_hide_set() || cmd.get_name() == "help" {
        return;
    }
    let mut path = parent.to_vec();
    path.push(cmd.get_name().to_owned());
    out.push(path.clone());
    for sub in cmd.get_subcommands() {
        command_paths(sub, &path, out);
    }
}

#[test]
fn every_commands_help_is_as_reviewed() {
    let mut cli = infoview::testing::cli_command();
    cli.build();
    let mut paths = Vec::new();
    command_paths(&cli, &[], &mut paths);
    assert!(paths.len() > 10, "the walk found {paths:?}");
    let env = TestEnv::new();
    for path in paths {
        let mut args: Vec<&str> = path[1..].iter().map(String::as_str).collect();
        args.push("--help");
        let r = env.run(&args);
        assert_eq!(r.code, 0, "{}: {r}", path.join(" "));
        assert!(r.stderr.is_empty(), "{}: {r}", path.join(" "));
        // Help is the same on every run: nothing to normalise.
        insta::assert_snapshot!(path.join("_"), r.to_string());
    }
}
