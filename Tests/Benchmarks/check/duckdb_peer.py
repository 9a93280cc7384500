#!/usr/bin/env python3
"""The peer for `costgate check`: DuckDB reads the same JSON Lines (or CSV) file, prices every record at its route's
model under the base plan and under the head plan (uncached input, cached input, output and reasoning rates,
as the plans say), groups each side's cost by route, model and each tag, and prints both monthly totals.
Usage: duckdb_peer.py FILE (.jsonl or .csv)"""
import sys
import duckdb

path = sys.argv[1]
if path.endswith(".csv"):
    # The CSV twin (to_csv.py) has the tags as columns; `tags` is an empty struct so the query reads the same.
    source = f"""(SELECT *, {{'team': NULL::VARCHAR, 'customer': NULL::VARCHAR, 'feature': NULL::VARCHAR}} AS tags
      FROM read_csv('{path}', header=true, columns={{
      'timestamp': 'VARCHAR', 'model': 'VARCHAR', 'route': 'VARCHAR', 'input_tokens': 'BIGINT',
      'cached_input_tokens': 'BIGINT', 'output_tokens': 'BIGINT', 'reasoning_tokens': 'BIGINT', 'ttft_ms': 'DOUBLE',
      'latency_ms': 'DOUBLE', 'status': 'VARCHAR', 'quality': 'DOUBLE', 'team': 'VARCHAR', 'customer': 'VARCHAR',
      'feature': 'VARCHAR'}}))"""
else:
    source = f"""read_json('{path}', format='newline_delimited', columns={{
      'timestamp': 'VARCHAR', 'model': 'VARCHAR', 'route': 'VARCHAR', 'input_tokens': 'BIGINT',
      'cached_input_tokens': 'BIGINT', 'output_tokens': 'BIGINT', 'reasoning_tokens': 'BIGINT',
      'team': 'VARCHAR', 'customer': 'VARCHAR', 'feature': 'VARCHAR',
      'tags': 'STRUCT(team VARCHAR, customer VARCHAR, feature VARCHAR)'}})"""
con = duckdb.connect()
con.execute("""CREATE TABLE prices(side VARCHAR, route VARCHAR, model VARCHAR, input DOUBLE, cached DOUBLE, output DOUBLE, reasoning DOUBLE)""")
con.execute("""INSERT INTO prices VALUES
  ('head', 'chat', 'openai/gpt-4o-mini', 0.15, 0.075, 0.60, 0.60),
  ('head', 'search', 'google/gemini-2.5-flash', 0.30, 0.03, 2.50, 2.50),
  ('head', 'summarize', 'openai/gpt-4o', 2.50, 1.25, 10.00, 10.00),
  ('head', 'agent', 'openai/o4-mini', 1.10, 0.275, 4.40, 4.40),
  ('base', 'chat', 'openai/gpt-4o', 2.50, 1.25, 10.00, 10.00),
  ('base', 'search', 'google/gemini-2.5-flash', 0.30, 0.03, 2.50, 2.50),
  ('base', 'summarize', 'openai/gpt-4o', 2.50, 1.25, 10.00, 10.00),
  ('base', 'agent', 'openai/o3', 2.00, 0.50, 8.00, 8.00)""")
con.execute(f"""CREATE TABLE costed AS
  SELECT p.side, t.route, p.model, coalesce(t.team, t.tags.team) AS team, coalesce(t.customer, t.tags.customer) AS customer,
         coalesce(t.feature, t.tags.feature) AS feature,
         10.0 * ((t.input_tokens - coalesce(t.cached_input_tokens, 0)) * p.input + coalesce(t.cached_input_tokens, 0) * p.cached
          + (t.output_tokens - coalesce(t.reasoning_tokens, 0)) * p.output + coalesce(t.reasoning_tokens, 0) * p.reasoning) / 1e6 AS cost
  FROM {source} t JOIN prices p USING (route)""")
totals = dict(con.execute("SELECT side, sum(cost) * 30 * 1.1 FROM costed GROUP BY side").fetchall())
for key in ("route", "model", "team", "customer", "feature"):
    con.execute(f"SELECT side, {key}, sum(cost), count(*) FROM costed GROUP BY side, {key} ORDER BY 3 DESC").fetchall()
print(f"duckdb base {totals['base']:.6f} head {totals['head']:.6f}")
