//! Rendering a spec's template in a child process: a template is code from the spec's
//! author, and fuel alone cannot stop one that doubles a string until memory runs out. The
//! child (this binary, started with `CHILD_COMMAND`) runs under an address-space limit and
//! the parent kills it at the deadline, so a runaway template is a one-line error naming the
//! file, never a hung or aborted run. One child serves a whole run (requests and answers are
//! length-prefixed JSON frames on its stdin and stdout); a child that dies or is killed is
//! replaced for the next file.

use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{render, TemplateError, MAX_OUTPUT};

/// The hidden first argument that makes the binary a template renderer.
pub const CHILD_COMMAND: &str = "__render-template";

/// The child's address space: ample for any real spec, small enough that a runaway template
/// fails fast instead of swapping the machine.
const MEMORY_LIMIT: u64 = 1 << 30;

/// The largest frame either side accepts (JSON escaping can double the text).
const MAX_FRAME: u64 = 4 * MAX_OUTPUT as u64;

#[derive(Serialize, Deserialize)]
struct Request {
    source: String,
    name: String,
    /// The variables as YAML (their keys need not be strings).
    vars: String,
    specs_root: String,
}

#[derive(Serialize, Deserialize)]
enum Response {
    Rendered(String),
    Failed {
        message: String,
        line: Option<usize>,
        included: Option<String>,
    },
}

/// The running child: requests go to its stdin; a reader thread passes its answers on.
struct Renderer {
    child: Child,
    input: BufWriter<ChildStdin>,
    answers: Receiver<Option<Vec<u8>>>,
}

static RENDERER: Mutex<Option<Renderer>> = Mutex::new(None);

/// Renders `source` as `render` does, in the child process, which may use at most 1 GiB and
/// `deadline` of time per file. Text without template syntax is returned as it is.
pub fn render_isolated(
    source: &str,
    name: &str,
    vars: &serde_yaml::Mapping,
    specs_root: &Path,
    deadline: Duration,
) -> Result<String, TemplateError> {
    if !super::has_template_syntax(source) {
        return Ok(source.to_string());
    }
    let request = Request {
        source: source.to_string(),
        name: name.to_string(),
        vars: serde_yaml::to_string(vars).map_err(|e| failure(e.to_string()))?,
        specs_root: specs_root.display().to_string(),
    };
    let body = serde_json::to_vec(&request).map_err(|e| failure(e.to_string()))?;
    let mut slot = RENDERER.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_none() {
        match spawn() {
            Ok(renderer) => *slot = Some(renderer),
            // No child to be had (no /proc for current_exe, a process limit): render here,
            // with fuel and the output limit, rather than refuse every templated spec.
            Err(_) => return render(source, name, vars, specs_root),
        }
    }
    let answer = exchange(&mut slot, &body, deadline);
    match answer {
        Ok(bytes) => match serde_json::from_slice::<Response>(&bytes) {
            Ok(Response::Rendered(text)) => Ok(text),
            Ok(Response::Failed {
                message,
                line,
                included,
            }) => Err(TemplateError {
                message,
                line,
                included,
            }),
            Err(_) => Err(failure("the template renderer gave no answer".into())),
        },
        Err(message) => {
            // The child is dead or stuck: kill it and start afresh next time.
            if let Some(mut renderer) = slot.take() {
                let _ = renderer.child.kill();
                let _ = renderer.child.wait();
            }
            Err(failure(message))
        }
    }
}

/// Sends one request and waits for its answer, starting the child if there is none.
fn exchange(
    slot: &mut Option<Renderer>,
    body: &[u8],
    deadline: Duration,
) -> Result<Vec<u8>, String> {
    if slot.is_none() {
        *slot = Some(spawn().map_err(|e| format!("cannot start the template renderer: {e}"))?);
    }
    let renderer = slot.as_mut().expect("just started");
    let sent = write_frame(&mut renderer.input, body).and_then(|()| renderer.input.flush());
    if sent.is_err() {
        return Err(died(renderer));
    }
    match renderer.answers.recv_timeout(deadline) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(died(renderer)),
        Err(_) => Err(format!(
            "rendering the template took longer than the timeout ({deadline:.1?})"
        )),
    }
}

/// Why the child stopped answering.
fn died(renderer: &mut Renderer) -> String {
    let status = renderer.child.wait();
    match status.ok().and_then(|s| s.signal()) {
        // An allocation beyond the limit aborts the child.
        Some(libc::SIGABRT) | Some(libc::SIGSEGV) | Some(libc::SIGKILL) => format!(
            "rendering the template ran out of memory (the limit is {} MiB)",
            MEMORY_LIMIT >> 20
        ),
        _ => "the template renderer stopped unexpectedly".to_string(),
    }
}

fn spawn() -> std::io::Result<Renderer> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .arg(CHILD_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn()?;
    let input = BufWriter::new(child.stdin.take().expect("piped stdin"));
    let output = child.stdout.take().expect("piped stdout");
    let (sender, answers) = channel();
    std::thread::spawn(move || pass_answers(output, sender));
    Ok(Renderer {
        child,
        input,
        answers,
    })
}

/// Reads the child's frames until it closes its stdout (`None` then).
fn pass_answers(output: ChildStdout, sender: Sender<Option<Vec<u8>>>) {
    let mut output = BufReader::new(output);
    loop {
        let frame = read_frame(&mut output).ok().flatten();
        let end = frame.is_none();
        if sender.send(frame).is_err() || end {
            return;
        }
    }
}

fn write_frame(out: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    out.write_all(&(body.len() as u64).to_le_bytes())?;
    out.write_all(body)
}

/// A frame, or `None` at the end of the stream.
fn read_frame(input: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut size = [0u8; 8];
    match input.read_exact(&mut size) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let size = u64::from_le_bytes(size);
    if size > MAX_FRAME {
        return Err(std::io::Error::other("frame too large"));
    }
    let mut body = vec![0; size as usize];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

/// The child: renders each request it reads on stdin, answering on stdout, until stdin ends.
pub fn child_main() -> std::process::ExitCode {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = BufWriter::new(std::io::stdout().lock());
    while let Ok(Some(frame)) = read_frame(&mut input) {
        let Ok(request) = serde_json::from_slice::<Request>(&frame) else {
            return std::process::ExitCode::from(2);
        };
        let vars: serde_yaml::Mapping = serde_yaml::from_str(&request.vars).unwrap_or_default();
        let response = match render(
            &request.source,
            &request.name,
            &vars,
            Path::new(&request.specs_root),
        ) {
            Ok(text) => Response::Rendered(text),
            Err(err) => Response::Failed {
                message: err.message,
                line: err.line,
                included: err.included,
            },
        };
        let Ok(body) = serde_json::to_vec(&response) else {
            return std::process::ExitCode::from(2);
        };
        if write_frame(&mut output, &body)
            .and_then(|()| output.flush())
            .is_err()
        {
            return std::process::ExitCode::from(2);
        }
    }
    std::process::ExitCode::SUCCESS
}

fn failure(message: String) -> TemplateError {
    TemplateError {
        message,
        line: None,
        included: None,
    }
}
