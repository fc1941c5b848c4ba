fn main() -> std::process::ExitCode {
    infoview::cli::main()
}
