"""Draws a stratified sample with costgate and with the DuckDB template, and compares them.

For each rate and each stratification (route; route and team): the records kept per stratum must be equal
(no stratum is capped on this log, so the template's one-round allocation is costgate's); then `costgate check`
forecasts the month from the full log and from both samples, and each sample's point forecast must fall inside
the full log's interval. Prints one table row per case; exits 1 if any case fails.
"""
import argparse, json, os, shutil, subprocess, sys
import duckdb

parser = argparse.ArgumentParser()
parser.add_argument("--costgate", required=True)
parser.add_argument("--root", required=True)
parser.add_argument("--work", required=True)
parser.add_argument("rates", nargs="+")
args = parser.parse_args()
rates = [float(r) for chunk in args.rates for r in chunk.split()]
work = args.work
shutil.copy(os.path.join(args.root, "Scenarios/support-chatbot/traffic.jsonl"), work)
subprocess.run(["git", "init", "-q", work], check=True)
with open(os.path.join(work, "prices.csv"), "w") as out:
    subprocess.run([args.costgate, "prices", "--format", "csv"], stdout=out, check=True)

def plan(path, sample_rate):
    return {"version": 1,
            "traffic": {"path": path, "format": "jsonl", "sample_rate": sample_rate, "window_hours": 24},
            "forecast": {"days": 30, "growth": 0, "confidence": 0.9},
            "routes": {"*": {"model": "recorded"}}}

def write(name, value):
    with open(os.path.join(work, name), "w") as f:
        json.dump(value, f)

def forecast(plan_name):
    out = subprocess.run([args.costgate, "check", "--plan", plan_name, "--format", "json"], cwd=work,
                         capture_output=True, text=True, check=True)
    base = json.loads(out.stdout)["baseline"]
    return base["monthly_cost"], base["monthly_cost_low"], base["monthly_cost_high"]

write("full.json", plan("traffic.jsonl", 0.1))
full, low, high = forecast("full.json")
template = open(os.path.join(args.root, "ci/warehouse/duckdb.sql")).read()
print(f"full log: 19,167 records, ${full:,.2f} a month, 90% interval ${low:,.2f} to ${high:,.2f}")
print("| rate | strata by | records kept | strata equal | costgate sample $/month | DuckDB sample $/month | both inside |")
print("|---|---|---|---|---|---|---|")
failed = False
for rate in rates:
    for keys in (["route"], ["route", "customer"]):
        flags = sum((["--by", k] for k in keys), [])
        summary = json.loads(subprocess.run(
            [args.costgate, "sample", "--plan", "full.json", "--rate", str(rate), *flags, "--seed", "7",
             "--output", "costgate-sample.jsonl", "--format", "json"],
            cwd=work, capture_output=True, text=True, check=True).stdout)
        ours = {"\x1f".join(s["key"]): s["kept"] for s in summary["strata"]}
        stratum = keys[0] if len(keys) == 1 else "concat_ws(chr(31), " + ", ".join(keys) + ")"
        query = (template
                 .replace("{{REQUESTS}}", "(SELECT *, 10.0 AS weight FROM read_json('traffic.jsonl', "
                          "format='newline_delimited', timestampformat='%Y-%m-%dT%H:%M:%S.%gZ'))")
                 .replace("{{PRICES}}", "read_csv('prices.csv')")
                 .replace("{{STRATUM}}", stratum).replace("{{ID}}", "timestamp")
                 .replace("{{RATE}}", repr(rate)).replace("{{SEED}}", "7")).rstrip().rstrip(";")
        con = duckdb.connect()
        os.chdir(work)
        con.sql(f"COPY ({query}) TO 'duckdb-sample.jsonl' (FORMAT json)")
        theirs = dict(con.sql(f"SELECT {stratum}, count(*) FROM read_json('duckdb-sample.jsonl') GROUP BY ALL").fetchall())
        equal = ours == theirs
        write("costgate-sample.json", plan("costgate-sample.jsonl", 1))
        write("duckdb-sample.json", plan("duckdb-sample.jsonl", 1))
        a, _, _ = forecast("costgate-sample.json")
        b, _, _ = forecast("duckdb-sample.json")
        inside = low <= a <= high and low <= b <= high
        failed |= not (equal and inside)
        print(f"| {rate} | {', '.join(keys)} | {summary['kept']:,} | {'yes' if equal else 'NO: ' + str(ours) + ' vs ' + str(theirs)} "
              f"| {a:,.2f} | {b:,.2f} | {'yes' if inside else 'NO'} |")
sys.exit(1 if failed else 0)
