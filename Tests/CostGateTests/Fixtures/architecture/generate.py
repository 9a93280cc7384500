#!/usr/bin/env python3
"""Generates router and semantic-cache vectors: plans with classifiers, tiers by share and by rule, escalation
chains, fixed and measured hit rates, and the records' expected costs, computed here independently with Python's
decimal module from the semantics README "Architectures: routers, tiers, caches" states:

- every request pays one embedding call (input tokens) when the route has a semantic cache;
- the hit share h skips the rest; of the miss share m = 1 - h, every request pays one classifier call
  (input + prompt_tokens in, output_tokens out);
- the first tier whose `when` rules all hold takes the record, else the tiers' shares split it;
- a tier escalates `rate` of what reached it to `to`, paying that tier's full call too (chains multiply);
- each component (embedding, classifier, each tier's first call, each escalation call) costs
  round(share x full call cost) picodollars, halves away from zero, rounded once per record;
- quality: the share-weighted score of the tier each request ends at (plan score, else the record's own).

Writes cases.json. ArchitectureOracleTests.swift replays each case and compares every record's cost, quality and
the per-model, per-tier, classifier and cache sums to 1e-9 relative. Run: python3 generate.py (swift test needs no Python).
"""
import json, os, random
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))

MODELS = {  # USD per 1M tokens: input, cached input, output
    "acme/nano": ("0.1", "0.025", "0.4"),
    "acme/small": ("0.8", "0.08", "4"),
    "acme/mid": ("2.5", "0.25", "10"),
    "acme/large": ("15", "1.5", "75"),
    "acme/embed": ("0.02", "0.02", "0"),
}

def pd_per_token(usd_per_m):
    return D(usd_per_m) * D(10) ** 6  # 1e12 pd per USD / 1e6 tokens

def call(model, inp, cached, out):
    i, c, o = (pd_per_token(x) for x in MODELS[model])
    return (D(inp - cached) * i + D(cached) * c + D(out) * o)

def rnd(x):
    return int(x.to_integral_value(rounding=ROUND_HALF_UP))  # x >= 0: halves away from zero

def holds(rule, rec):
    kind = rule[0]
    if kind == "field":
        _, field, op, bound = rule
        value = rec.get(field)
        if value is None:
            return False
        return {"lt": value < bound, "le": value <= bound, "gt": value > bound, "ge": value >= bound, "eq": value == bound}[op]
    _, key, values = rule
    return rec.get("tags", {}).get(key) in values

def rules_of(when):
    rules = []
    for key, value in when.items():
        if key in ("input_tokens", "output_tokens", "cached_input_tokens"):
            for op, bound in value.items():
                rules.append(("field", key, op, bound))
        else:
            rules.append(("tag", key, value if isinstance(value, list) else [value]))
    return rules

def expected(case):
    route = case["plan"]["routes"]["r"]
    quality = case["plan"].get("quality", {}).get("r", {})
    router = route.get("router")
    cache = route.get("semantic_cache")
    if router:
        tiers = [dict(name=t["name"], model=t["model"], share=D(str(t["share"])) if "share" in t else None,
                      rules=rules_of(t.get("when", {})), esc=t.get("escalate")) for t in router["tiers"]]
    else:
        tiers = [dict(name="(route model)", model=route["model"], share=D(1), rules=[], esc=None)]
    names = [t["name"] for t in tiers]
    classifier = router.get("classifier") if router else None
    records = case["records"]
    # Measured hits: cache_hit when present, else a prompt_hash seen on a miss within ttl_s before.
    hits = {}
    if cache and cache["hit_rate"] == "measured":
        ttl = D(str(cache.get("ttl_s", 0)))
        expiry = {}
        for index in sorted(range(len(records)), key=lambda k: (records[k]["timestamp"], k)):
            rec = records[index]
            if "cache_hit" in rec:
                hits[index] = D(1) if rec["cache_hit"] else D(0)
            elif "prompt_hash" in rec:
                until = expiry.get(rec["prompt_hash"])
                if until is not None and D(str(rec["timestamp"])) <= until:
                    hits[index] = D(1)
                else:
                    hits[index] = D(0)
                    expiry[rec["prompt_hash"]] = D(str(rec["timestamp"])) + ttl
            else:
                hits[index] = D(0)
    out = dict(records=[], models={}, tiers={n: dict(requests=D(0), cost=0, escalations=D(0)) for n in names},
               classifier=dict(calls=D(0), cost=0), embedding=dict(calls=D(0), cost=0), hits=D(0))
    def add_model(model, calls, cost):
        entry = out["models"].setdefault(model, dict(calls=D(0), cost=0))
        entry["calls"] += calls
        entry["cost"] += cost
    for index, rec in enumerate(records):
        inp, cached, outp = rec["input_tokens"], rec.get("cached_input_tokens", 0), rec["output_tokens"]
        if cache:
            h = hits[index] if cache["hit_rate"] == "measured" else D(str(cache["hit_rate"]))
        else:
            h = D(0)
        m = 1 - h
        total = 0
        if cache:
            c = rnd(call(cache["embedding"]["model"], inp, 0, 0))
            total += c
            add_model(cache["embedding"]["model"], D(1), c)
            out["embedding"]["calls"] += 1
            out["embedding"]["cost"] += c
            out["hits"] += h
        if classifier and m > 0:
            c = rnd(m * call(classifier["model"], inp + classifier.get("prompt_tokens", 0), 0, classifier.get("output_tokens", 0)))
            total += c
            add_model(classifier["model"], m, c)
            out["classifier"]["calls"] += m
            out["classifier"]["cost"] += c
        matched = next((k for k, t in enumerate(tiers) if t["rules"] and all(holds(r, rec) for r in t["rules"])), None)
        assignment = [(matched, D(1))] if matched is not None else [(k, t["share"]) for k, t in enumerate(tiers) if t["share"]]
        q_record = D(0)
        unscored = False
        for origin, share in assignment:
            chain = [(origin, D(1))]
            while tiers[chain[-1][0]]["esc"]:
                esc = tiers[chain[-1][0]]["esc"]
                chain.append((names.index(esc["to"]), chain[-1][1] * D(str(esc["rate"]))))
            q = D(0)
            for pos, (tier, reach) in enumerate(chain):
                stop = reach - (chain[pos + 1][1] if pos + 1 < len(chain) else 0)
                score = quality.get(tiers[tier]["model"])
                if score is None:
                    score = rec.get("quality")
                if stop > 0:
                    if score is None:
                        unscored = True
                    else:
                        q += stop * D(str(score))
                frac = m * share * reach
                if frac == 0:
                    continue
                c = rnd(frac * call(tiers[tier]["model"], inp, cached, outp))
                total += c
                add_model(tiers[tier]["model"], frac, c)
                out["tiers"][names[origin]]["cost"] += c
                if pos == 0:
                    out["tiers"][names[origin]]["requests"] += frac
                else:
                    out["tiers"][names[origin]]["escalations"] += frac
            q_record += share * q
        out["records"].append(dict(picodollars=str(total), quality=None if unscored else float(q_record)))
    def num(x):
        return float(x) if isinstance(x, D) else x
    return dict(records=out["records"],
                models={k: dict(calls=num(v["calls"]), picodollars=str(v["cost"])) for k, v in sorted(out["models"].items())},
                tiers={k: dict(requests=num(v["requests"]), picodollars=str(v["cost"]), escalations=num(v["escalations"])) for k, v in out["tiers"].items()},
                classifier=dict(calls=num(out["classifier"]["calls"]), picodollars=str(out["classifier"]["cost"])),
                embedding=dict(calls=num(out["embedding"]["calls"]), picodollars=str(out["embedding"]["cost"])),
                hit_rate=float(out["hits"] / len(records)) if cache else None,
                total_picodollars=str(sum(int(r["picodollars"]) for r in out["records"])))

rng = random.Random(1212)

def records(count, teams=("search", "ads", "support"), hashes=None, flags=False, scored=False):
    out = []
    t = 1_700_000_000.0
    for _ in range(count):
        t += round(rng.expovariate(1 / 40.0), 3)
        inp = max(1, int(rng.lognormvariate(7.2, 0.9)))
        rec = dict(timestamp=t, route="r", model="acme/large", input_tokens=inp,
                   cached_input_tokens=rng.choice([0, 0, inp // 2, inp // 4 * 2]),
                   output_tokens=max(1, int(rng.lognormvariate(5.5, 0.8))), tags=dict(team=rng.choice(teams)))
        if hashes:
            rec["prompt_hash"] = "h%d" % rng.randrange(hashes)
        if flags and rng.random() < 0.5:
            rec["cache_hit"] = rng.random() < 0.3
        if scored:
            rec["quality"] = round(rng.uniform(0.5, 1), 3)
        out.append(rec)
    return out

def plan(route, quality=None):
    return {"version": 1, "traffic": {"path": "t.jsonl", "window_hours": 24},
            "models": {k: {"input_per_mtok": float(v[0]), "cached_input_per_mtok": float(v[1]), "output_per_mtok": float(v[2])} for k, v in MODELS.items()},
            "routes": {"r": route}, **({"quality": {"r": quality}} if quality else {})}

CACHE = lambda rate, **extra: {"hit_rate": rate, "embedding": {"model": "acme/embed"}, **extra}
cases = [
    dict(name="classifier, two tiers by share, escalation, fixed hit rate",
         plan=plan({"router": {"classifier": {"model": "acme/nano", "prompt_tokens": 300, "output_tokens": 5},
                               "tiers": [{"name": "simple", "model": "acme/small", "share": 0.7, "escalate": {"to": "complex", "rate": 0.12}},
                                         {"name": "complex", "model": "acme/large", "share": 0.3}]},
                    "semantic_cache": CACHE(0.2)}, {"acme/small": 0.81, "acme/large": 0.93}),
         records=records(240)),
    dict(name="rules on fields and tags, an escalation chain, shares for the rest, no cache",
         plan=plan({"router": {"classifier": {"model": "acme/nano", "prompt_tokens": 120, "output_tokens": 2},
                               "tiers": [{"name": "long", "model": "acme/large", "when": {"input_tokens": {"ge": 4000}}},
                                         {"name": "teams", "model": "acme/mid", "share": 0.25, "when": {"team": ["search", "ads"], "output_tokens": {"lt": 300}}},
                                         {"name": "small", "model": "acme/small", "share": 0.75, "escalate": {"to": "mid", "rate": 0.1}},
                                         {"name": "mid", "model": "acme/mid", "when": {"output_tokens": {"gt": 900}, "team": "support"}, "escalate": {"to": "long", "rate": 0.35}}]}},
                   {"acme/mid": 0.88}),
         records=records(240, scored=True)),
    dict(name="measured hit rate from cache_hit and prompt_hash repeats within ttl_s",
         plan=plan({"router": {"classifier": {"model": "acme/nano", "prompt_tokens": 50, "output_tokens": 1},
                               "tiers": [{"name": "a", "model": "acme/small", "share": 0.55, "escalate": {"to": "b", "rate": 0.333}},
                                         {"name": "b", "model": "acme/large", "share": 0.45}]},
                    "semantic_cache": CACHE("measured", ttl_s=900)}, {"acme/small": 0.7, "acme/large": 0.9}),
         records=records(240, hashes=60, flags=True)),
    dict(name="a semantic cache in front of a plain route's model",
         plan=plan({"model": "acme/mid", "semantic_cache": CACHE(0.35)}, {"acme/mid": 0.86}),
         records=records(200)),
    dict(name="rules with le and eq, no classifier, odd decimals",
         plan=plan({"router": {"tiers": [{"name": "tiny", "model": "acme/nano", "when": {"output_tokens": {"le": 150}, "input_tokens": {"gt": 10}}},
                                         {"name": "exact", "model": "acme/mid", "when": {"output_tokens": {"eq": 245}}},
                                         {"name": "x", "model": "acme/small", "share": 0.333333, "escalate": {"to": "y", "rate": 0.055555}},
                                         {"name": "y", "model": "acme/large", "share": 0.666667}]},
                    "semantic_cache": CACHE(0.123457)}),
         records=records(240, scored=True)),
]
for case in cases:
    case["expected"] = expected(case)
with open(os.path.join(HERE, "cases.json"), "w") as f:
    json.dump(cases, f, indent=1, sort_keys=True)
    f.write("\n")
