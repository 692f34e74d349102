//! django-fsm-2 transitions: `instance.<name>()` (and `instance.save()` with `save: true`), as
//! FSMFieldMixin.change_state runs them, and FSMField(protected=True)'s guard on assignment.

use serde_yaml::{Mapping, Value as Yaml};

use super::save::save_with_signals;
use crate::log::Raised;
use crate::orm::persist::SaveOptions;
use crate::orm::{run_signal, Instance, OpError, Orm};
use crate::spec::{FsmSpec, SignalAction, TransitionOp, TransitionSpec};
use crate::template::eval_condition;

/// django-fsm-2's ANY_STATE and ANY_OTHER_STATE sources.
const ANY_STATE: &str = "*";
const ANY_OTHER_STATE: &str = "+";

/// `instance.<name>()`: checks the source state and the conditions, then pre_transition,
/// the method's body, the new state, post_transition. No SQL of its own: only hooks send
/// statements, and `save: true` then saves the instance as `instance.save()` does.
pub(super) async fn transition(
    orm: &mut Orm<'_>,
    op: &TransitionOp,
) -> Result<Option<u64>, OpError> {
    let mut instance = orm
        .state
        .instances
        .get(&op.instance)
        .cloned()
        .ok_or_else(|| OpError::Spec(format!("no instance `{}`", op.instance)))?;
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let fsm = registry
        .model(&instance.model)
        .fsm
        .as_ref()
        .ok_or_else(|| OpError::Spec(format!("model `{}` has no `fsm`", instance.model)))?;
    let spec = fsm.transitions.get(&op.name).ok_or_else(|| {
        OpError::Spec(format!(
            "model `{}` has no transition `{}`",
            instance.model, op.name
        ))
    })?;
    let column = orm.column_of(&instance.model, &fsm.field)?;
    let method = Method {
        fsm,
        name: &op.name,
        spec,
        column: &column,
    };
    let outcome = method.change_state(orm, &mut instance).await;
    // The object keeps what happened to it (an on_error state, fields a hook set) even when
    // the transition raised, as a Python object does.
    orm.state
        .instances
        .insert(op.instance.clone(), instance.clone());
    outcome?;
    if !op.save {
        return Ok(None);
    }
    let saved = save_with_signals(orm, &mut instance, &SaveOptions::default()).await;
    orm.state.instances.insert(op.instance.clone(), instance);
    saved?;
    Ok(Some(1))
}

/// One transition method of a model's state machine.
struct Method<'a> {
    fsm: &'a FsmSpec,
    name: &'a str,
    spec: &'a TransitionSpec,
    /// The FSM field's column.
    column: &'a str,
}

/// What the hooks see besides the instance's fields: django-fsm-2's signal arguments.
struct Signal {
    source: Yaml,
    target: String,
    exception: Option<Raised>,
}

impl Method<'_> {
    /// FSMFieldMixin.change_state.
    async fn change_state(
        &self,
        orm: &mut Orm<'_>,
        instance: &mut Instance,
    ) -> Result<(), OpError> {
        let current = instance.get(self.column);
        if !self.has_transition(&current) {
            return Err(not_allowed(format!(
                "Can't switch from state '{}' using method '{}'",
                python_str(&current),
                self.name
            )));
        }
        if !self.conditions_met(orm, instance)? {
            return Err(not_allowed(format!(
                "Transition conditions have not been met for method '{}'",
                self.name
            )));
        }
        let mut signal = Signal {
            source: current,
            target: self.spec.target.clone(),
            exception: None,
        };
        // pre_transition is sent before the try block: its exceptions skip on_error.
        if let Some(hook) = &self.spec.pre_transition {
            self.run_hook(orm, hook, instance, &signal).await?;
        }
        let body = match &self.spec.method_body {
            Some(hook) => self.run_hook(orm, hook, instance, &signal).await,
            None => Ok(()),
        };
        if let Err(err) = body {
            // Only an exception (not a broken connection or a spec error) is caught there.
            if let (OpError::Raised(raised), Some(state)) = (&err, &self.spec.on_error) {
                instance.set(self.column, Yaml::String(state.clone()));
                signal.target = state.clone();
                signal.exception = Some(raised.clone());
                if let Some(hook) = &self.spec.post_transition {
                    self.run_hook(orm, hook, instance, &signal).await?;
                }
            }
            return Err(err);
        }
        instance.set(self.column, Yaml::String(self.spec.target.clone()));
        // post_transition is sent in the else branch: its exceptions leave the new state.
        if let Some(hook) = &self.spec.post_transition {
            self.run_hook(orm, hook, instance, &signal).await?;
        }
        Ok(())
    }

    /// FSMMeta.has_transition: the state is a source, or `*` is, or `+` is and the state is
    /// not the target.
    fn has_transition(&self, current: &Yaml) -> bool {
        let state = (!current.is_null()).then(|| python_str(current));
        let sources = self.spec.source.states();
        let is = |s: &str| state.as_deref() == Some(s);
        sources.iter().any(|s| is(s))
            || sources.contains(&ANY_STATE)
            || (sources.contains(&ANY_OTHER_STATE) && !is(&self.spec.target))
    }

    /// FSMMeta.conditions_met: every condition holds (stopping at the first that does not).
    fn conditions_met(&self, orm: &Orm<'_>, instance: &Instance) -> Result<bool, OpError> {
        let registry = &orm.state.registry;
        let pk = &registry.model(&instance.model).pk;
        let ctx = instance.context(pk, |column| registry.attname(&instance.model, column));
        for condition in &self.spec.conditions {
            let holds = eval_condition(condition, &ctx).map_err(|e| {
                OpError::Spec(format!(
                    "transition `{}` condition `{condition}`: {e}",
                    self.name
                ))
            })?;
            if !holds {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Runs a hook with the signal's arguments as `transition.name`, `transition.source`,
    /// `transition.target`, and `exception` ("Class: message" after a failed body, else null).
    async fn run_hook(
        &self,
        orm: &mut Orm<'_>,
        hook: &SignalAction,
        instance: &mut Instance,
        signal: &Signal,
    ) -> Result<(), OpError> {
        // A hook assigns with setattr, which the protected field's descriptor refuses.
        if self.fsm.protected && hook.set.keys().any(|k| k == &self.fsm.field) {
            return Err(protected_error(&self.fsm.field));
        }
        let mut transition = Mapping::new();
        transition.insert("name".into(), Yaml::String(self.name.to_string()));
        transition.insert("source".into(), signal.source.clone());
        transition.insert("target".into(), Yaml::String(signal.target.clone()));
        let exception = signal.exception.as_ref().map_or(Yaml::Null, |e| {
            Yaml::String(format!("{}: {}", e.name, e.message))
        });
        let extra = [
            ("transition", Yaml::Mapping(transition)),
            ("exception", exception),
        ];
        run_signal(orm, hook, instance, &extra).await
    }
}

fn not_allowed(message: String) -> OpError {
    OpError::Raised(Raised::new("TransitionNotAllowed", message))
}

fn protected_error(field: &str) -> OpError {
    OpError::Raised(Raised::new(
        "AttributeError",
        format!("Direct {field} modification is not allowed"),
    ))
}

/// A state as Python's str() prints it in django-fsm-2's messages.
fn python_str(value: &Yaml) -> String {
    match value {
        Yaml::Null => "None".into(),
        Yaml::Bool(true) => "True".into(),
        Yaml::Bool(false) => "False".into(),
        Yaml::Number(n) => n.to_string(),
        Yaml::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim_end()
            .to_string(),
    }
}

/// FSMField(protected=True): FSMFieldDescriptor.__set__ refuses an assignment once the
/// object holds a value for the field. Every object does after Model.__init__ (a default, or
/// the loaded value), so only the constructor's own arguments (`save: {model, values}`) pass.
pub(super) fn check_protected(
    orm: &Orm<'_>,
    instance: &Instance,
    values: &Mapping,
) -> Result<(), OpError> {
    let registry = &orm.state.registry;
    let Some(fsm) = &registry.model(&instance.model).fsm else {
        return Ok(());
    };
    if !fsm.protected {
        return Ok(());
    }
    let Ok(field) = registry.field_of(&instance.model, &fsm.field) else {
        return Ok(());
    };
    let assigns = values.keys().filter_map(Yaml::as_str).any(|name| {
        registry
            .field_of(&instance.model, name)
            .is_ok_and(|f| f.column == field.column)
    });
    if assigns && instance.values.contains_key(&field.column) {
        // Django names the field (`state` of a foreign key `state_id`) in the message.
        return Err(protected_error(&field.name));
    }
    Ok(())
}
