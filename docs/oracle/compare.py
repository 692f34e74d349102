"""Compare a pgscenario golden with a django-oracle recording, step by step.

usage: compare.py ORACLE.txt CASE_NUMBER GOLDEN.sql [STEP_MAP]
STEP_MAP: comma list of golden step numbers in oracle step order (default: in order); `3-9`
compares an oracle step with golden steps 3 to 9 in the golden's order (an atomic block), and
`@3-9` compares them connection by connection (steps of several sessions); `-`
skips an oracle step (reads that the spec makes with steps of its own); `9+10` compares an
oracle step with two golden steps together.
Statements are compared with %s -> $n; params after turning Python reprs into
pgscenario's literal form.
"""
import datetime, decimal, ipaddress, json, re, sys, uuid, zoneinfo

class Jsonb:
    def __init__(self, v): self.v = v
class Int4(int): pass
class Int2(int): pass
class Int8(int): pass

def lit(v):
    if v is None: return "NULL"
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, Jsonb): return lit(json.dumps(v.v))
    if isinstance(v, (int, decimal.Decimal)): return str(v)
    if isinstance(v, float): return repr(v)
    if isinstance(v, uuid.UUID): return lit(str(v))
    if isinstance(v, (ipaddress.IPv4Address, ipaddress.IPv6Address, ipaddress.IPv4Interface, ipaddress.IPv6Interface)): return lit(str(v))
    if isinstance(v, datetime.datetime): return lit(str(v))
    if isinstance(v, (datetime.date, datetime.time)): return lit(str(v))
    if isinstance(v, str): return "'" + v.replace("'", "''") + "'"
    if isinstance(v, (list, tuple)): return "[" + ", ".join(lit(x) for x in v) + "]"
    return repr(v)

env = {"zoneinfo": zoneinfo, "UUID": uuid.UUID, "Decimal": decimal.Decimal, "datetime": datetime, "Jsonb": Jsonb,
       "Int4": Int4, "IPv4Address": ipaddress.IPv4Address, "IPv6Address": ipaddress.IPv6Address, "IPv4Interface": ipaddress.IPv4Interface, "Int2": Int2, "Int8": Int8}

def oracle_steps(path, case):
    steps, cur, in_case = {}, None, False
    lines = open(path).read().split("\n")
    pending = None
    for i, line in enumerate(lines):
        m = re.match(r"==== case (\d+):", line)
        if m:
            in_case = int(m.group(1)) == case
            continue
        if not in_case: continue
        m = re.match(r"---- step (\d+):", line)
        if m:
            cur = int(m.group(1)); steps[cur] = []; continue
        if line.startswith("---- set-up"):
            cur = 0; steps[cur] = []; continue
        if cur is None: continue
        m = re.match(r"\[c(\d+)\] (.*)", line)
        if m:
            stmt = m.group(2)
            if stmt.startswith("--"): continue
            sql, params = stmt, None
            j = i + 1
            # A server-side cursor's DECLARE embeds the SELECT that Django shows.
            while j < len(lines) and lines[j].startswith("--   (") and not lines[j].startswith("--   sql:"):
                j += 1
            declare = stmt[: stmt.index(" FOR ") + 5] if stmt.startswith("DECLARE ") else ""
            if j < len(lines) and lines[j].startswith("--   sql:"):
                sql = declare + lines[j][len("--   sql:"):].strip()
                p = lines[j + 1][len("--   params:"):].strip()
                params = eval(p, env)
                if params is None: params = ()
            n = [0]
            named = []
            def rep(m):
                n[0] += 1
                if m.group(1): named.append(m.group(1))
                return "$%d" % n[0]
            sql = re.sub(r"%(?:\((\w+)\))?s", rep, sql).replace("%%", "%")
            if isinstance(params, dict):
                params = [params[k] for k in named]
            steps[cur].append((sql, lit(list(params)) if params else None, "c" + m.group(1)))
    return steps

def main_session(golden_path):
    """The spec's first session (the golden names the others only): from its `sessions:`."""
    spec = re.sub(r"\.sql$", ".yaml", golden_path.replace("/golden/", "/specs/"))
    try:
        text = open(spec).read()
        m = re.search(r"^sessions: \[\s*(\w+)", text, re.M) or re.search(r"^sessions:\s*\n\s+(\w+):", text, re.M)
    except OSError:
        m = None
    return m.group(1) if m else "main"

def golden_steps(path):
    steps, cur, session = {}, None, main_session(path)
    for line in open(path).read().split("\n"):
        m = re.match(r"-- step (\d+):", line)
        if m:
            cur = int(m.group(1)); steps[cur] = []; continue
        if line.startswith("-- session: "):
            session = line[len("-- session: "):].strip(); continue
        if line.startswith("-- params: "):
            sql, _, tag = steps[cur][-1]
            steps[cur][-1] = (sql, line[len("-- params: "):], tag)
            continue
        if line.startswith("--") or not line.strip() or cur is None: continue
        steps[cur].append((line.rstrip(";"), None, session))
    return steps

def by_connection(statements):
    """Each connection's (session's) statements in order, connections in order of their
    first statement: how two sessions' steps compare whatever their interleaving."""
    order, seqs = [], {}
    for sql, params, tag in statements:
        if tag not in seqs:
            order.append(tag); seqs[tag] = []
        seqs[tag].append((sql, params))
    return [(i + 1, x) for i, tag in enumerate(order) for x in seqs[tag]]

oracle = oracle_steps(sys.argv[1], int(sys.argv[2]))
golden = golden_steps(sys.argv[3])
ostep = [k for k in sorted(oracle) if k > 0]
gstep = sorted(golden)
# Nothing to compare is a failed check, not a pass: a case the record does not have (no
# `# case:` line, a wrong number), or a golden without steps.
if not ostep or not gstep:
    print(f"case {sys.argv[2]}: {'no steps recorded' if not ostep else 'no steps in the golden'}")
    print("MISMATCHED STEPS: 1")
    sys.exit(1)
if len(ostep) != len(gstep) and len(sys.argv) <= 4:
    print(f"case {sys.argv[2]}: {len(ostep)} recorded steps, {len(gstep)} golden steps (map them)")
if len(sys.argv) > 4:
    def golden_numbers(x):
        # `3-9`: the golden steps numbered 3 to 9 (a block and the steps inside it), in the
        # order the golden shows them (an on_commit hook's steps after the COMMIT).
        if "-" in x:
            lo, hi = (int(n) for n in x.split("-"))
            return [k for k in golden if lo <= k <= hi]
        return [int(g) for g in x.split("+")]
    mapping = [None if x == "-" else (x.startswith("@"), golden_numbers(x.lstrip("@"))) for x in sys.argv[4].split(",")]
else:
    mapping = [(False, [g]) for g in gstep]
bad = 0
for o, g in zip(ostep, mapping):
    if g is None:
        continue
    # `@3-9`: compared connection by connection (several sessions), else in order.
    per_connection, g = g
    a, b = oracle[o], [s for one in g for s in golden.get(one, [])]
    if per_connection:
        a, b = by_connection(a), by_connection(b)
    else:
        a, b = [x[:2] for x in a], [x[:2] for x in b]
    if a == b:
        print(f"step {o} == golden {g}: {len(a)} statements match")
    else:
        bad += 1
        print(f"step {o} != golden {g}")
        for x in range(max(len(a), len(b))):
            ax = a[x] if x < len(a) else None
            bx = b[x] if x < len(b) else None
            mark = "  " if ax == bx else "!!"
            print(f"  {mark} django: {ax}")
            if ax != bx: print(f"  {mark} pgscen: {bx}")
print("MISMATCHED STEPS:", bad)
