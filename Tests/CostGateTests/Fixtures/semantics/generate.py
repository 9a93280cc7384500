#!/usr/bin/env python3
"""Generates semantics test cases: random traffic, a base and a head plan, and the figures the README's
"How the forecast is computed" semantics give, computed independently here with Python's decimal module.

Each case-N/ folder holds traffic.jsonl, base.json, head.json and expected.json. SemanticsTests.swift runs
`costgate check --base-plan base.json --plan head.json --format json` on each and compares every figure.
Run: python3 generate.py   (rewrites the case folders; commit them, swift test does not need Python)
"""
import json, os, random
from decimal import Decimal as D, getcontext, ROUND_HALF_UP

getcontext().prec = 50
HERE = os.path.dirname(os.path.abspath(__file__))

# Reference prices fixed by the issue (USD per 1M tokens): input, cached, output, reasoning, long-context tier.
CATALOG = {
    "openai/gpt-4o": dict(input="2.50", cached="1.25", output="10.00"),
    "openai/gpt-4o-mini": dict(input="0.15", cached="0.075", output="0.60"),
    "anthropic/claude-sonnet-4.5": dict(input="3", cached="0.30", output="15",
                                        long=dict(threshold=200000, input="6", cached="0.60", output="22.50")),
    "anthropic/claude-haiku-4.5": dict(input="1", cached="0.10", output="5"),
    "google/gemini-2.5-flash": dict(input="0.30", cached="0.03", output="2.50"),
}
CUSTOM = {
    "acme/large": dict(input="3.0", cached="0.3", output="15.0", reasoning="15.0"),
    "acme/small": dict(input="0.2", output="0.8"),  # no cached rate: cached tokens bill at input
    "acme/thinker": dict(input="1.1", cached="0.275", output="4.4", reasoning="6.6",
                         long=dict(threshold=100000, input="2.2", cached="0.55", output="8.8", reasoning="13.2")),
}

def plan_models():
    models = {}
    for mid, r in CUSTOM.items():
        m = {"input_per_mtok": float(r["input"]), "output_per_mtok": float(r["output"])}
        if "cached" in r: m["cached_input_per_mtok"] = float(r["cached"])
        if "reasoning" in r: m["reasoning_per_mtok"] = float(r["reasoning"])
        if "long" in r:
            l = r["long"]
            m["long_context"] = {"threshold": l["threshold"], "input_per_mtok": float(l["input"]),
                                 "cached_input_per_mtok": float(l["cached"]), "output_per_mtok": float(l["output"]),
                                 "reasoning_per_mtok": float(l["reasoning"])}
        models[mid] = m
    return models

def rates(model, input_tokens):
    r = CATALOG.get(model) or CUSTOM[model]
    if "long" in r and input_tokens > r["long"]["threshold"]:
        r = r["long"]
    inp = D(r["input"]); out = D(r["output"])
    return inp, D(r["cached"]) if "cached" in r else inp, out, D(r["reasoning"]) if "reasoning" in r else out

def half_away(x):
    return int(D(x).quantize(D(1), rounding=ROUND_HALF_UP)) if x >= 0 else -int((-D(x)).quantize(D(1), rounding=ROUND_HALF_UP))

def route_cfg(plan, route):
    return plan["routes"].get(route) or plan["routes"].get("*") or {"model": "recorded"}

def replay(records, plan, base_plan, sample_rate):
    out = []
    for r in records:
        cfg = route_cfg(plan, r["route"])
        bcfg = route_cfg(base_plan, r["route"])
        model = r["model"] if cfg.get("model", "recorded") == "recorded" else cfg["model"]
        inp = r["input_tokens"]
        if "prompt_tokens" in cfg and "prompt_tokens" in bcfg:
            inp = max(0, inp + cfg["prompt_tokens"] - bcfg["prompt_tokens"])
        cached = min(r.get("cached_input_tokens", 0), inp)
        scale = D(str(cfg.get("output_scale", 1.0)))
        outp = half_away(D(r["output_tokens"]) * scale)
        if "max_output_tokens" in cfg: outp = min(outp, cfg["max_output_tokens"])
        reas = min(half_away(D(r.get("reasoning_tokens", 0)) * scale), outp)
        ri, rc, ro, rr = rates(model, inp)
        cost = ((inp - cached) * ri + cached * rc + (outp - reas) * ro + reas * rr) / D(1000000)
        w = D(str(r["weight"])) if "weight" in r else D(1) / D(str(sample_rate))
        q = None
        qt = plan.get("quality", {}).get(r["route"], {})
        if model in qt: q = D(str(qt[model]))
        elif "quality" in r: q = D(str(r["quality"]))
        out.append(dict(rec=r, model=model, cost=cost, w=w, q=q))
    return out

def forecast(rows, plan, window):
    f = plan.get("forecast", {})
    days = D(str(f.get("days", 30))); growth = D(str(f.get("growth", 0)))
    scale = days * D(86400) / window * (D(1) + growth)
    total = sum((x["w"] * x["cost"] for x in rows), D(0))
    reqs = sum((x["w"] for x in rows), D(0))
    wq = sum((x["w"] * x["q"] for x in rows if x["q"] is not None), D(0))
    ws = sum((x["w"] for x in rows if x["q"] is not None), D(0))
    monthly = scale * total
    res = dict(monthly_cost=monthly, requests=scale * reqs,
               cost_per_request=monthly / (scale * reqs) if reqs else None,
               quality=wq / ws if ws else None,
               cost_per_quality=monthly / (scale * reqs * (wq / ws)) if wq > 0 and reqs else None)
    def group(key):
        g = {}
        for x in rows:
            k = key(x)
            c, n = g.get(k, (D(0), D(0)))
            g[k] = (c + x["w"] * x["cost"], n + x["w"])
        return {k: dict(monthly_cost=scale * c, requests=scale * n) for k, (c, n) in g.items()}
    res["by_route"] = group(lambda x: x["rec"]["route"])
    res["by_model"] = group(lambda x: x["model"])
    keys = sorted({k for x in rows for k in x["rec"].get("tags", {})} | {k for x in rows for k, v in x["rec"].items() if k in ("team", "customer")})
    res["by_tag"] = {}
    for k in keys:
        res["by_tag"][k] = group(lambda x: x["rec"].get("tags", {}).get(k) or x["rec"].get(k) or "(none)")
    res["_scale"] = scale
    return res

def subset(rows, where):
    def ok(x):
        for k, v in where.items():
            if k == "route":
                if x["rec"]["route"] != v: return False
            elif k == "model":
                if x["model"] != v: return False
            elif (x["rec"].get("tags", {}).get(k) or x["rec"].get(k)) != v: return False
        return True
    return [x for x in rows if ok(x)]

def policy_value(metric, head_rows, base_rows, head_plan, base_plan, window):
    h = forecast(head_rows, head_plan, window); b = forecast(base_rows, base_plan, window)
    if metric == "monthly_cost": return h["monthly_cost"]
    if metric == "monthly_cost_delta": return h["monthly_cost"] - b["monthly_cost"]
    if metric == "monthly_cost_delta_pct": return (h["monthly_cost"] - b["monthly_cost"]) / b["monthly_cost"] * 100
    if metric == "cost_per_request": return h["cost_per_request"]
    if metric == "cost_per_quality": return h["cost_per_quality"]
    if metric == "cost_per_quality_delta_pct": return (h["cost_per_quality"] - b["cost_per_quality"]) / b["cost_per_quality"] * 100
    if metric == "quality": return h["quality"]
    raise ValueError(metric)

def make_case(n, rng):
    models = list(CATALOG) + list(CUSTOM)
    routes = ["chat", "search", "summarize", "agent", "batch"]
    t0 = 1_760_000_000 + rng.randint(0, 10**6)
    recs = []
    count = rng.randint(300, 1500)
    per_record_weight = n % 2 == 1
    for i in range(count):
        route = rng.choice(routes)
        inp = int(rng.lognormvariate(7, 1.2))
        if rng.random() < 0.03: inp = rng.randint(100001, 260000)  # long-context tiers
        out = int(rng.lognormvariate(5, 1))
        r = {"timestamp": t0 + rng.uniform(0, 7200) if i else t0, "model": rng.choice(models), "route": route,
             "input_tokens": inp, "output_tokens": out}
        if rng.random() < 0.5: r["cached_input_tokens"] = rng.randint(0, inp)
        if rng.random() < 0.3: r["reasoning_tokens"] = rng.randint(0, out)
        if rng.random() < 0.4: r["quality"] = round(rng.random(), 3)
        if per_record_weight and rng.random() < 0.7: r["weight"] = rng.choice([1, 2.5, 10, 20, 33.3])
        r["team"] = rng.choice(["core", "growth", "ops"])
        r["tags"] = {"customer": rng.choice(["a", "b", "c", "d"]), "tier": rng.choice(["free", "pro"])}
        recs.append(r)
    sample_rate = rng.choice([1.0, 0.1, 0.05, 0.25])
    window_hours = rng.choice([None, 2, 24])
    base = {"version": 1,
            "traffic": {"path": "traffic.jsonl", "format": "jsonl", "sample_rate": sample_rate},
            "forecast": {"days": rng.choice([30, 31, 7]), "growth": rng.choice([0, 0.1, -0.05]), "confidence": 0.9},
            "models": plan_models(),
            "routes": {"chat": {"model": "openai/gpt-4o", "prompt_tokens": 850, "max_output_tokens": 600, "output_scale": 1.0},
                       "summarize": {"model": "acme/large"},
                       "agent": {"model": "acme/thinker", "prompt_tokens": 2000},
                       "*": {"model": "recorded"}},
            "quality": {"chat": {"openai/gpt-4o": 0.91, "openai/gpt-4o-mini": 0.84, "anthropic/claude-haiku-4.5": 0.87}}}
    if window_hours: base["traffic"]["window_hours"] = window_hours
    head = json.loads(json.dumps(base))
    head["routes"]["chat"] = {"model": rng.choice(["openai/gpt-4o-mini", "anthropic/claude-haiku-4.5", "openai/gpt-4o"]),
                              "prompt_tokens": rng.choice([850, 1150, 300]), "max_output_tokens": rng.choice([600, 300, 200]),
                              "output_scale": rng.choice([1.0, 0.8, 1.25, 0.5])}
    head["routes"]["agent"] = {"model": "acme/thinker", "prompt_tokens": rng.choice([2000, 2600, 1500]), "output_scale": 1.5}
    head["routes"]["search"] = {"model": "acme/small", "output_scale": 0.7, "max_output_tokens": 150}
    head["policies"] = [
        {"name": "budget", "metric": "monthly_cost", "max": 1e9},
        {"name": "tight budget", "metric": "monthly_cost", "max": 1.0},
        {"name": "core team", "metric": "monthly_cost", "max": 1e7, "where": {"team": "core"}},
        {"name": "customer a chat", "metric": "monthly_cost", "max": 5.0, "where": {"customer": "a", "route": "chat"}, "severity": "warn"},
        {"name": "increase", "metric": "monthly_cost_delta_pct", "max": 10},
        {"name": "delta", "metric": "monthly_cost_delta", "max": 100000},
        {"name": "unit cost", "metric": "cost_per_request", "max": 0.05},
        {"name": "value", "metric": "cost_per_quality_delta_pct", "max": 5, "severity": "warn"},
        {"name": "quality floor", "metric": "quality", "min": 0.5},
        {"name": "cpq", "metric": "cost_per_quality", "max": 1.0},
    ]
    stamps = [r["timestamp"] for r in recs]
    window = D(window_hours) * 3600 if window_hours else D(str(max(stamps))) - D(str(min(stamps)))
    base_rows = replay(recs, base, base, sample_rate)
    head_rows = replay(recs, head, base, sample_rate)
    b = forecast(base_rows, base, window); h = forecast(head_rows, head, window)
    pols = []
    for p in head["policies"]:
        where = p.get("where", {})
        v = policy_value(p["metric"], subset(head_rows, where), subset(base_rows, where), head, base, window)
        if "max" in p: status = "pass" if v <= D(str(p["max"])) else ("warn" if p.get("severity") == "warn" else "fail")
        else: status = "pass" if v >= D(str(p["min"])) else ("warn" if p.get("severity") == "warn" else "fail")
        pols.append(dict(name=p["name"], status=status, actual=str(v)))
    result = "fail" if any(p["status"] == "fail" for p in pols) else ("warn" if any(p["status"] == "warn" for p in pols) else "pass")
    def clean(f):
        return {k: (str(v) if isinstance(v, D) else ({kk: ({a: str(b) for a, b in vv.items()} if isinstance(vv, dict) and "monthly_cost" in vv else {g: {a: str(c) for a, c in gv.items()} for g, gv in vv.items()}) for kk, vv in v.items()} if isinstance(v, dict) else v))
                for k, v in f.items() if not k.startswith("_")}
    expected = dict(baseline=clean(b), head=clean(h), policies=pols, result=result,
                    exit_status=1 if result == "fail" else 0)
    d = os.path.join(HERE, f"case-{n}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "traffic.jsonl"), "w") as fh:
        for r in recs: fh.write(json.dumps(r) + "\n")
    json.dump(base, open(os.path.join(d, "base.json"), "w"), indent=1)
    json.dump(head, open(os.path.join(d, "head.json"), "w"), indent=1)
    json.dump(expected, open(os.path.join(d, "expected.json"), "w"), indent=1, sort_keys=True)

rng = random.Random(2025)
for n in range(1, 7):
    make_case(n, rng)
print("wrote 6 cases")
