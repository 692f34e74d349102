//! `pgscenario graph SPEC MODEL`: print a model's state machine, like django-fsm-2's
//! `graph_transitions` command. Needs no database.

use std::io::Write;

use serde_yaml::Mapping;

use super::args::{GraphArgs, GraphFormat};
use super::{commands_project_specs_dir, fail};
use crate::orm::graph::{initial_state, to_dot, to_mermaid};
use crate::spec::{load_spec, suggest, LoadContext, ModelSpec};

pub fn graph(args: GraphArgs) -> u8 {
    match render(&args) {
        Ok(text) => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => 0,
            // `pgscenario graph ... | head` is fine.
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(err) => fail(&format!("cannot write the graph: {err}")),
        },
        Err(message) => fail(&message),
    }
}

fn render(args: &GraphArgs) -> Result<String, String> {
    let path = args.spec.as_path();
    super::commands::one_spec_file(path)?;
    let ctx = LoadContext {
        specs_root: commands_project_specs_dir()?,
        cli_vars: Mapping::new(),
        settings: Default::default(),
        template_timeout: Some(std::time::Duration::from_secs(30)),
    };
    let spec = load_spec(path, &ctx).map_err(|e| e.render().trim_end().to_string())?;
    let at = path.display();
    let model = find_model(&spec.models, &args.model).map_err(|e| format!("{at}: {e}"))?;
    let Some(fsm) = &model.fsm else {
        let with_fsm: Vec<&str> = spec
            .models
            .iter()
            .filter(|(_, m)| m.fsm.is_some())
            .map(|(name, _)| name.as_str())
            .collect();
        let others = if with_fsm.is_empty() {
            "no model of the spec has one".to_string()
        } else {
            format!("models with one: {}", with_fsm.join(", "))
        };
        return Err(format!(
            "{at}: model `{}` has no `fsm:` section ({others})",
            args.model
        ));
    };
    let initial = initial_state(model, fsm);
    Ok(match args.format {
        GraphFormat::Dot => to_dot(&args.model, fsm, initial.as_deref()),
        GraphFormat::Mermaid => to_mermaid(fsm, initial.as_deref()),
    })
}

fn find_model<'a>(models: &'a crate::spec::Models, name: &str) -> Result<&'a ModelSpec, String> {
    if let Some(model) = models.get(name) {
        return Ok(model);
    }
    if models.is_empty() {
        return Err(format!(
            "unknown model `{name}`: the spec declares no models"
        ));
    }
    let known = || models.keys().map(String::as_str);
    Err(match suggest(name, known()) {
        Some(similar) => format!("unknown model `{name}`, did you mean `{similar}`?"),
        None => format!(
            "unknown model `{name}` (models: {})",
            known().collect::<Vec<_>>().join(", ")
        ),
    })
}
