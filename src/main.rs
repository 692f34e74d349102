fn main() -> std::process::ExitCode {
    pgscenario::cli::main()
}
