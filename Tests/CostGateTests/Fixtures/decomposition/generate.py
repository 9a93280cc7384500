"""Writes cases.json: route changes and their Shapley decomposition, computed in Python `decimal` (50 digits).

An independent oracle for `ChangeDecomposition`: the same cost model, but the Shapley value is the average
over all 720 orders of switching the six factors from base to head (the Swift code uses coalition weights),
in decimal arithmetic. Run by hand: python3 generate.py (no packages needed). `swift test` only reads the JSON.
"""
import itertools
import json
import random
from decimal import Decimal as D, getcontext
from pathlib import Path

getcontext().prec = 50
FACTORS = ["volume", "input_tokens", "output_tokens", "cache_hits", "price", "routing_mix"]
FIELDS = ["requests", "input_tokens", "cached_tokens", "output_tokens", "input_cost", "cached_cost", "output_cost", "other_cost"]


def slot(name, requests, input_tokens, cached_tokens, output_tokens, input_rate, cached_rate, output_rate, gpu=0):
    """Totals of one slot; rates in USD per 1M tokens, GPU in USD."""
    r = {"name": name, "requests": D(requests), "input_tokens": D(input_tokens), "cached_tokens": D(cached_tokens),
         "output_tokens": D(output_tokens)}
    r["input_cost"] = (r["input_tokens"] - r["cached_tokens"]) * D(input_rate) / D(10**6)
    r["cached_cost"] = r["cached_tokens"] * D(cached_rate) / D(10**6)
    r["output_cost"] = r["output_tokens"] * D(output_rate) / D(10**6)
    r["other_cost"] = D(gpu)
    return r


def ratio(n, d):
    return n / d if d > 0 else None


def prices(s):
    return [ratio(s["input_cost"], s["input_tokens"] - s["cached_tokens"]), ratio(s["cached_cost"], s["cached_tokens"]),
            ratio(s["output_cost"], s["output_tokens"]), ratio(s["other_cost"], s["requests"])]


def main_slot(slots):
    return sorted(slots, key=lambda s: (-s["requests"], s["name"]))[0] if slots else None


def partial(slots):
    total = {f: sum((s[f] for s in slots), D(0)) for f in FIELDS}
    main = main_slot(slots)
    return {"n": total["requests"], "i": ratio(total["input_tokens"], total["requests"]),
            "o": ratio(total["output_tokens"], total["requests"]), "h": ratio(total["cached_tokens"], total["input_tokens"]),
            "p": prices(main) if main else [None] * 4, "rp": prices(total)}


def fill(side, other, empty):
    if empty:
        return dict(other, n=side["n"])
    side = dict(side, p=list(side["p"]), rp=list(side["rp"]))
    for k in "ioh":
        if side[k] is None:
            side[k] = other[k]
    for d in range(4):
        if side["rp"][d] is None:
            value = other["p"][d] if other["p"][d] is not None else other["rp"][d]
            side["rp"][d] = value
            side["p"][d] = value
    return side


def resolve(side):
    route = [x if x is not None else D(0) for x in side["rp"]]
    main = [m if m is not None else r for m, r in zip(side["p"], route)]
    return [side["n"], side["i"] or D(0), side["o"] or D(0), side["h"] or D(0), main, [r - m for r, m in zip(route, main)]]


def cost(x):
    n, i, o, h, p, m = x
    return n * (i * (1 - h) * (p[0] + m[0]) + i * h * (p[1] + m[1]) + o * (p[2] + m[2]) + (p[3] + m[3]))


def decompose(base_slots, head_slots):
    b, h = partial(base_slots), partial(head_slots)
    b = fill(b, h, b["n"] == 0)
    h = fill(h, b, h["n"] == 0)
    sides = [resolve(b), resolve(h)]
    parts = [D(0)] * 6
    orders = list(itertools.permutations(range(6)))
    for order in orders:
        chosen = [0] * 6
        before = cost([sides[chosen[k]][k] for k in range(6)])
        for k in order:
            chosen[k] = 1
            after = cost([sides[chosen[k2]][k2] for k2 in range(6)])
            parts[k] += after - before
            before = after
    parts = [p / len(orders) for p in parts]
    return parts, cost(sides[1]) - cost(sides[0])


def case(name, base, head, note):
    parts, change = decompose(base, head)
    assert sum(parts) == change or abs(sum(parts) - change) < D("1e-30")
    enc = lambda slots: [{"name": s["name"], **{f: str(s[f]) for f in FIELDS}} for s in slots]
    return {"name": name, "note": note, "base": enc(base), "head": enc(head), "change": str(change),
            "parts": {f: str(p) for f, p in zip(FACTORS, parts)}}


cases = [
    case("pure price", [slot("gpt-4o", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")],
         [slot("gpt-4o-mini", 1000, 3_000_000, 0, 200_000, "0.15", "0.075", "0.6")], "a model swap: everything is price"),
    case("pure volume", [slot("a", 1000, 3_000_000, 500_000, 200_000, "2.5", "1.25", "10")],
         [slot("a", 1500, 4_500_000, 750_000, 300_000, "2.5", "1.25", "10")], "50% more requests, same shape"),
    case("pure output growth", [slot("a", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")],
         [slot("a", 1000, 3_000_000, 0, 260_000, "2.5", "1.25", "10")], "30% longer outputs"),
    case("cache hits", [slot("a", 1000, 3_000_000, 0, 200_000, "3", "0.3", "15")],
         [slot("a", 1000, 3_000_000, 1_500_000, 200_000, "3", "0.3", "15")], "half the input now read from cache"),
    case("router mix", [slot("gpt-4o", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")],
         [slot("gpt-4o", 600, 1_800_000, 0, 120_000, "2.5", "1.25", "10"), slot("gpt-4o-mini", 400, 1_200_000, 0, 80_000, "0.15", "0.075", "0.6")],
         "a router sends 40% to a cheaper model: routing mix"),
    case("new route", [], [slot("a", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")], "all volume"),
    case("removed route", [slot("a", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")], [], "all volume"),
    case("mixed", [slot("gpt-4o", 1000, 3_000_000, 300_000, 200_000, "2.5", "1.25", "10")],
         [slot("gpt-4o-mini", 1300, 4_680_000, 0, 390_000, "0.15", "0.075", "0.6")],
         "more requests, longer prompts and outputs, no cache, cheaper model"),
    case("self-hosted", [slot("gpt-4o", 1000, 3_000_000, 0, 200_000, "2.5", "1.25", "10")],
         [slot("deployment:llama", 1000, 3_000_000, 0, 200_000, "0", "0", "0", gpu="5.5")], "API to a GPU fleet: price"),
]
rng = random.Random(10)
for index in range(12):
    def random_slot(name):
        n = rng.randint(1, 5000)
        i = n * rng.randint(10, 5000)
        return slot(name, n, i, rng.randint(0, i) if rng.random() < 0.7 else 0, n * rng.randint(0, 2000),
                    rng.choice(["0.15", "2.5", "3", "0.4"]), rng.choice(["0.075", "0.3", "1.25"]), rng.choice(["0.6", "10", "15", "1.6"]),
                    gpu=rng.choice(["0", "0", "12.25"]))
    names = ["m1", "m2", "m3"]
    base = [random_slot(n) for n in rng.sample(names, rng.randint(1, 3))]
    head = [random_slot(n) for n in rng.sample(names, rng.randint(1, 3))]
    cases.append(case(f"random {index}", base, head, "seeded random slots"))

Path(__file__).with_name("cases.json").write_text(json.dumps(cases, indent=1, sort_keys=True) + "\n")
