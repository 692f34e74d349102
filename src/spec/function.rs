//! Django's database functions as a spec names them (`{greatest: [a, b]}`,
//! `{extract_year: pub_date}`): their heads, argument counts, SQL names and the defaults
//! their constructors add.

use serde_yaml::Value;

use super::expression::Expression;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Lower,
    Upper,
    Length,
    Coalesce,
    Concat,
    Greatest,
    Least,
    NullIf,
    Now,
    Abs,
    Round,
    Ceil,
    Floor,
    Mod,
    Power,
    Substr,
    Left,
    Right,
    Replace,
    StrIndex,
    Trim,
    LTrim,
    RTrim,
    LPad,
    RPad,
    Reverse,
    Repeat,
    MD5,
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    Ntile,
    Lag,
    Lead,
    FirstValue,
    LastValue,
    NthValue,
}

/// The functions written `{head: ...}` other than Concat and Coalesce's list forms: the head,
/// the function, the arguments it takes (least, most).
pub(super) const FUNCTIONS: &[(&str, Function, usize, usize)] = &[
    ("lower", Function::Lower, 1, 1),
    ("upper", Function::Upper, 1, 1),
    ("length", Function::Length, 1, 1),
    ("greatest", Function::Greatest, 2, usize::MAX),
    ("least", Function::Least, 2, usize::MAX),
    ("nullif", Function::NullIf, 2, 2),
    ("now", Function::Now, 0, 0),
    ("abs", Function::Abs, 1, 1),
    ("round", Function::Round, 1, 2),
    ("ceil", Function::Ceil, 1, 1),
    ("floor", Function::Floor, 1, 1),
    ("mod", Function::Mod, 2, 2),
    ("power", Function::Power, 2, 2),
    ("substr", Function::Substr, 2, 3),
    ("left", Function::Left, 2, 2),
    ("right", Function::Right, 2, 2),
    ("replace", Function::Replace, 2, 3),
    ("strindex", Function::StrIndex, 2, 2),
    ("trim", Function::Trim, 1, 1),
    ("ltrim", Function::LTrim, 1, 1),
    ("rtrim", Function::RTrim, 1, 1),
    ("lpad", Function::LPad, 2, 3),
    ("rpad", Function::RPad, 2, 3),
    ("reverse", Function::Reverse, 1, 1),
    ("repeat", Function::Repeat, 2, 2),
    ("md5", Function::MD5, 1, 1),
    ("row_number", Function::RowNumber, 0, 0),
    ("rank", Function::Rank, 0, 0),
    ("dense_rank", Function::DenseRank, 0, 0),
    ("percent_rank", Function::PercentRank, 0, 0),
    ("cume_dist", Function::CumeDist, 0, 0),
    ("ntile", Function::Ntile, 0, 1),
    ("lag", Function::Lag, 1, 3),
    ("lead", Function::Lead, 1, 3),
    ("first_value", Function::FirstValue, 1, 1),
    ("last_value", Function::LastValue, 1, 1),
    ("nth_value", Function::NthValue, 1, 2),
];

/// `ExtractYear` ... as `{extract_year: ...}`: the head and Extract's lookup name.
pub(super) const EXTRACTS: &[(&str, &str)] = &[
    ("extract_year", "year"),
    ("extract_iso_year", "iso_year"),
    ("extract_quarter", "quarter"),
    ("extract_month", "month"),
    ("extract_week", "week"),
    ("extract_day", "day"),
    ("extract_week_day", "week_day"),
    ("extract_iso_week_day", "iso_week_day"),
    ("extract_hour", "hour"),
    ("extract_minute", "minute"),
    ("extract_second", "second"),
];

impl Function {
    /// Django's class name (`str()` of the expression, messages).
    pub fn class_name(self) -> &'static str {
        use Function::*;
        match self {
            Lower => "Lower",
            Upper => "Upper",
            Length => "Length",
            Coalesce => "Coalesce",
            Concat => "Concat",
            Greatest => "Greatest",
            Least => "Least",
            NullIf => "NullIf",
            Now => "Now",
            Abs => "Abs",
            Round => "Round",
            Ceil => "Ceil",
            Floor => "Floor",
            Mod => "Mod",
            Power => "Power",
            Substr => "Substr",
            Left => "Left",
            Right => "Right",
            Replace => "Replace",
            StrIndex => "StrIndex",
            Trim => "Trim",
            LTrim => "LTrim",
            RTrim => "RTrim",
            LPad => "LPad",
            RPad => "RPad",
            Reverse => "Reverse",
            Repeat => "Repeat",
            MD5 => "MD5",
            RowNumber => "RowNumber",
            Rank => "Rank",
            DenseRank => "DenseRank",
            PercentRank => "PercentRank",
            CumeDist => "CumeDist",
            Ntile => "Ntile",
            Lag => "Lag",
            Lead => "Lead",
            FirstValue => "FirstValue",
            LastValue => "LastValue",
            NthValue => "NthValue",
        }
    }

    /// Whether `Window` takes it (`window_compatible`): the window functions.
    pub fn is_window(self) -> bool {
        use Function::*;
        matches!(
            self,
            RowNumber
                | Rank
                | DenseRank
                | PercentRank
                | CumeDist
                | Ntile
                | Lag
                | Lead
                | FirstValue
                | LastValue
                | NthValue
        )
    }

    /// The SQL function PostgreSQL's backend writes (Ceil is CEILING, StrIndex STRPOS,
    /// Substr SUBSTRING); Now has none (`STATEMENT_TIMESTAMP()`), Concat writes `||`.
    pub fn sql_name(self) -> &'static str {
        use Function::*;
        match self {
            Lower => "LOWER",
            Upper => "UPPER",
            Length => "LENGTH",
            Coalesce => "COALESCE",
            Greatest => "GREATEST",
            Least => "LEAST",
            NullIf => "NULLIF",
            Abs => "ABS",
            Round => "ROUND",
            Ceil => "CEILING",
            Floor => "FLOOR",
            Mod => "MOD",
            Power => "POWER",
            Substr => "SUBSTRING",
            Left => "LEFT",
            Right => "RIGHT",
            Replace => "REPLACE",
            StrIndex => "STRPOS",
            Trim => "TRIM",
            LTrim => "LTRIM",
            RTrim => "RTRIM",
            LPad => "LPAD",
            RPad => "RPAD",
            Reverse => "REVERSE",
            Repeat => "REPEAT",
            MD5 => "MD5",
            RowNumber => "ROW_NUMBER",
            Rank => "RANK",
            DenseRank => "DENSE_RANK",
            PercentRank => "PERCENT_RANK",
            CumeDist => "CUME_DIST",
            Ntile => "NTILE",
            Lag => "LAG",
            Lead => "LEAD",
            FirstValue => "FIRST_VALUE",
            LastValue => "LAST_VALUE",
            NthValue => "NTH_VALUE",
            Now | Concat => "",
        }
    }
}

/// The arguments Django's constructors add or refuse: Round's `precision=0`, Replace's
/// `replacement=Value("")`, LPad/RPad's `fill_text=Value(" ")`; a literal `pos` below 1
/// (Substr), `length` below 1 (Left, Right) or below 0 (LPad, RPad), `number` below 0
/// (Repeat) is Django's ValueError.
pub(super) fn function_defaults(
    function: Function,
    args: &mut Vec<Expression>,
) -> Result<(), String> {
    let literal = |i: usize| match args.get(i) {
        Some(Expression::Value(v)) => v.as_i64(),
        _ => None,
    };
    let refused = match function {
        Function::Substr if literal(1).is_some_and(|n| n < 1) => "'pos' must be greater than 0",
        Function::Left | Function::Right if literal(1).is_some_and(|n| n < 1) => {
            "'length' must be greater than 0."
        }
        Function::LPad | Function::RPad if literal(1).is_some_and(|n| n < 0) => {
            "'length' must be greater or equal to 0."
        }
        Function::Repeat if literal(1).is_some_and(|n| n < 0) => {
            "'number' must be greater or equal to 0."
        }
        Function::Lag if literal(1).is_some_and(|n| n <= 0) => {
            "Lag requires a positive integer for the offset."
        }
        Function::Lead if literal(1).is_some_and(|n| n <= 0) => {
            "Lead requires a positive integer for the offset."
        }
        Function::NthValue if literal(1).is_some_and(|n| n <= 0) => {
            "NthValue requires a positive integer as for nth."
        }
        Function::Ntile if literal(0).is_some_and(|n| n <= 0) => {
            "num_buckets must be greater than 0."
        }
        _ => "",
    };
    if !refused.is_empty() {
        return Err(format!("Django raises ValueError: {refused}"));
    }
    if function == Function::Ntile && args.is_empty() {
        args.push(Expression::Value(Value::from(1)));
        return Ok(());
    }
    let default = match function {
        Function::Round if args.len() == 1 => Value::from(0),
        Function::Replace if args.len() == 2 => Value::from(""),
        Function::LPad | Function::RPad if args.len() == 2 => Value::from(" "),
        Function::Lag | Function::Lead | Function::NthValue if args.len() == 1 => Value::from(1),
        _ => return Ok(()),
    };
    args.push(Expression::Value(default));
    Ok(())
}
