-- costgate stratified sample, drawn where the data is: Snowflake.
--
-- The same design as `costgate sample --rate R --by KEY`: each stratum keeps a floor of a quarter of its
-- proportional share (at least 2 records, or all it has); the rest of the budget, ceil(R x records), goes by
-- Neyman allocation (stratum size x standard deviation of its records' cost), rounded by largest remainder;
-- within a stratum the records with the smallest seeded hashes are kept, and a kept record's weight becomes
-- weight x N_h / n_h. Load the result with `"format": "jsonl"` (no columns) and check it with costgate.
--
-- Placeholders, replaced by text before running (see ci/warehouse/README.md):
--   {{REQUESTS}}  the request log: a table or view with columns model, input_tokens,
--                 cached_input_tokens (may be NULL), output_tokens, weight (may be NULL) and the stratum keys
--   {{PRICES}}    `costgate prices --format csv` loaded as a table
--   {{STRATUM}}   the stratum key expression, e.g. route, or concat_ws(chr(31), route, team)
--   {{ID}}        a column that identifies a request stably (request id; or the timestamp and model)
--   {{RATE}}      the share of records to keep, in (0, 1]
--   {{SEED}}      an integer seed
--
-- Difference from `costgate sample` (stated, not hidden): a stratum whose Neyman share exceeds its size is
-- capped, and what it could not take is not poured into the others (costgate repeats the allocation until no
-- budget is left). Where no stratum is capped, the number kept per stratum is the same as costgate's. The
-- selection hash differs, so the records kept differ; the estimate is unbiased either way. The Neyman variable
-- is the record's standard-rate token cost (no batch or long-context tier): it only steers the allocation; the
-- forecast made from the sample prices every token as costgate does.
--
-- Snowflake: HASH(id, seed) is the selection hash. Not run here (no Snowflake in this environment): only the
-- DuckDB template is checked (Tests/Benchmarks/sample/run.sh).
WITH requests AS (
    SELECT *, {{STRATUM}} AS costgate_stratum FROM {{REQUESTS}}
),
priced AS (
    SELECT r.*,
           coalesce(r.weight, 1.0) * (
               (r.input_tokens - coalesce(r.cached_input_tokens, 0)) * p.input_per_mtok
               + coalesce(r.cached_input_tokens, 0) * coalesce(p.cached_input_per_mtok, p.input_per_mtok)
               + r.output_tokens * p.output_per_mtok) / 1e6 AS costgate_cost
    FROM requests r LEFT JOIN {{PRICES}} p ON p.id = r.model
),
strata AS (
    SELECT costgate_stratum,
           count(*) AS n_h,
           coalesce(stddev_samp(coalesce(costgate_cost, 0)), 0) AS s_h,
           least(count(*), greatest(2, ceil(0.25 * {{RATE}} * count(*)))) AS floor_h
    FROM priced GROUP BY costgate_stratum
),
totals AS (
    SELECT ceil({{RATE}} * sum(n_h)) - sum(floor_h) AS remaining,
           sum(n_h * s_h) AS score,
           sum(CASE WHEN floor_h < n_h THEN n_h ELSE 0 END) AS open_size
    FROM strata
),
shares AS (
    SELECT s.*,
           -- Neyman share of what the floors left; by size when no stratum has any spread.
           greatest(t.remaining, 0) * CASE WHEN t.score > 0 THEN n_h * s_h / t.score
                                           WHEN floor_h < n_h THEN n_h / t.open_size ELSE 0 END AS exact_h
    FROM strata s, totals t
),
rounded AS (
    SELECT *,
           least(n_h - floor_h, floor(exact_h)) AS whole_h,
           least(n_h - floor_h - least(n_h - floor_h, floor(exact_h)), exact_h - floor(exact_h)) AS fraction_h
    FROM shares
),
ranked AS (
    SELECT *,
           row_number() OVER (ORDER BY fraction_h DESC, costgate_stratum) AS remainder_rank,
           (SELECT greatest(t.remaining, 0) FROM totals t) - sum(whole_h) OVER () AS leftover
    FROM rounded
),
allocation AS (
    SELECT costgate_stratum, n_h,
           floor_h + whole_h + CASE WHEN remainder_rank <= leftover AND fraction_h > 0 THEN 1 ELSE 0 END AS k_h
    FROM ranked
)
SELECT p.* EXCLUDE (costgate_stratum, costgate_cost, weight),
       COALESCE(p.weight, 1.0) * a.n_h / a.k_h AS weight
FROM priced p JOIN allocation a USING (costgate_stratum)
QUALIFY ROW_NUMBER() OVER (PARTITION BY costgate_stratum ORDER BY HASH({{ID}}, {{SEED}}), {{ID}}) <= a.k_h
ORDER BY {{ID}};
