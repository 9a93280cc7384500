#!/usr/bin/env python3
"""The peer for `costgate check`: DuckDB reads the same JSON Lines file, prices every record at its route's
model (uncached input, cached input, output and reasoning rates, as the plan says) and groups the cost by
route, model and each tag, then prints the total. Usage: duckdb_peer.py FILE"""
import sys
import duckdb

path = sys.argv[1]
con = duckdb.connect()
con.execute("""CREATE TABLE prices(route VARCHAR, model VARCHAR, input DOUBLE, cached DOUBLE, output DOUBLE, reasoning DOUBLE)""")
con.execute("""INSERT INTO prices VALUES
  ('chat', 'openai/gpt-4o-mini', 0.15, 0.075, 0.60, 0.60),
  ('search', 'google/gemini-2.5-flash', 0.30, 0.03, 2.50, 2.50),
  ('summarize', 'openai/gpt-4o', 2.50, 1.25, 10.00, 10.00),
  ('agent', 'openai/o4-mini', 1.10, 0.275, 4.40, 4.40)""")
con.execute(f"""CREATE TABLE costed AS
  SELECT t.route, p.model, coalesce(t.team, t.tags.team) AS team, coalesce(t.customer, t.tags.customer) AS customer,
         coalesce(t.feature, t.tags.feature) AS feature,
         10.0 * ((t.input_tokens - coalesce(t.cached_input_tokens, 0)) * p.input + coalesce(t.cached_input_tokens, 0) * p.cached
          + (t.output_tokens - coalesce(t.reasoning_tokens, 0)) * p.output + coalesce(t.reasoning_tokens, 0) * p.reasoning) / 1e6 AS cost
  FROM read_json('{path}', format='newline_delimited', columns={{
      'timestamp': 'VARCHAR', 'model': 'VARCHAR', 'route': 'VARCHAR', 'input_tokens': 'BIGINT',
      'cached_input_tokens': 'BIGINT', 'output_tokens': 'BIGINT', 'reasoning_tokens': 'BIGINT',
      'team': 'VARCHAR', 'customer': 'VARCHAR', 'feature': 'VARCHAR',
      'tags': 'STRUCT(team VARCHAR, customer VARCHAR, feature VARCHAR)'}}) t JOIN prices p USING (route)""")
total = con.execute("SELECT sum(cost) * 30 / 1.0 * 1.1 FROM costed").fetchone()[0]
for key in ("route", "model", "team", "customer", "feature"):
    con.execute(f"SELECT {key}, sum(cost), count(*) FROM costed GROUP BY {key} ORDER BY 2 DESC").fetchall()
print(f"duckdb monthly_cost {total:.6f}")
