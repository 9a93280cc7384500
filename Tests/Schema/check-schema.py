#!/usr/bin/env python3
"""Checks the plan schema (Sources/CostGate/Resources/costgate.schema.json, printed by `costgate schema`) is a valid draft 2020-12 schema and that it accepts the example plan
and rejects a set of broken ones. Needs python3 with `jsonschema` (a development check, not a costgate
dependency): python3 Tests/Schema/check-schema.py"""
import copy, json, pathlib, sys
import jsonschema

here = pathlib.Path(__file__).parent
schema = json.loads((here.parent.parent / "Sources/CostGate/Resources/costgate.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
plan = json.loads((here / "example.costgate.json").read_text())
failures = [f"example: {e.json_path}: {e.message}" for e in validator.iter_errors(plan)]
if not validator.is_valid({"version": 1, "traffic": {"path": "traffic.csv"}}):
    failures.append("the minimal plan is rejected")
broken = {
    "version 2": lambda p: p.update(version=2),
    "a typo in a route key": lambda p: p["routes"]["chat"].update(max_ouput_tokens=3),
    "an unknown metric": lambda p: p["policies"].append({"name": "x", "metric": "cost", "max": 1}),
    "a policy with neither max nor min": lambda p: p["policies"].append({"name": "x", "metric": "quality"}),
    "a model id without provider": lambda p: p["models"].update(large={"input_per_mtok": 1, "output_per_mtok": 1}),
    "a negative price": lambda p: p["models"]["acme/large"].update(input_per_mtok=-1),
    "prompt_tokens with prompt_file": lambda p: p["routes"]["chat"].update(prompt_file="x.md"),
    "an unknown timestamp unit": lambda p: p["traffic"].update(timestamp_unit="min"),
    "an unknown canonical column": lambda p: p["traffic"]["columns"].update(prompt="x"),
    "zero replicas": lambda p: p["deployments"]["fixed"].update(replicas=0),
    "an unknown top-level key": lambda p: p.update(polices=[]),
    "a router tier share above 1": lambda p: p["routes"].update(gw={"router": {"tiers": [{"name": "a", "model": "acme/large", "share": 2}]}}),
    "an escalation without a rate": lambda p: p["routes"].update(gw={"router": {"tiers": [{"name": "a", "model": "acme/large", "share": 1, "escalate": {"to": "a"}}]}}),
    "a semantic cache without embedding": lambda p: p["routes"].update(gw={"model": "acme/large", "semantic_cache": {"hit_rate": 0.2}}),
}
for scenario in ("support-gateway",):
    for name in ("costgate.json", "costgate.base.json"):
        scenario_plan = json.loads((here.parent.parent / "Scenarios" / scenario / name).read_text())
        failures += [f"{scenario}/{name}: {e.json_path}: {e.message}" for e in validator.iter_errors(scenario_plan)]
for name, mutate in broken.items():
    candidate = copy.deepcopy(plan)
    mutate(candidate)
    if validator.is_valid(candidate):
        failures.append(f"accepts {name}")
print("\n".join(failures) if failures else f"ok: example valid, minimal valid, {len(broken)} broken plans rejected")
sys.exit(1 if failures else 0)
