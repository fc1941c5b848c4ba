//! Lint: rules over the loaded journal (SPEC §3).

/// The names of every rule, in run and documentation order.
pub fn rule_names() -> Vec<&'static str> {
    Vec::new()
}
