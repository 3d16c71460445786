// Each post of a structure with its own figures and its line: the roll-up below every post (junior FTE,
// counted heads, pay ranges) is summed once, in Python (queries/headcount_below.py `roll_up`), over these
// rows, the same on both stores.
MATCH (p:Post {structure: $structure})
OPTIONAL MATCH (p)-[l:LINE_MANAGED_BY]->(m:Post)
RETURN p.key AS post, p.title AS title, p.kind AS kind, m.key AS line_manager,
       coalesce(l.inferred, false) AS line_inferred, l.rule AS line_rule, l.source AS line_source,
       p.source AS source,
       p.salary AS salary, p.salary_min AS salary_min, p.salary_max AS salary_max,
       coalesce(p.junior_fte_each, []) AS junior_fte_each, coalesce(p.junior_min, []) AS junior_min,
       coalesce(p.junior_max, []) AS junior_max, coalesce(p.junior_counts, []) AS junior_counts
