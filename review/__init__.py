"""The review workbench and scenarios: what is still open in a structure, and decisions over it.

Why a room of its own: the review list (every inferred fact and every unknown a rule needs, in the
order of the findings each would settle), the decisions that settle them, and a scenario's
changes are one idea the CLI (`remit review`) and the dashboard (Review and Scenario pages) share.
Decisions are written as overlays (loader.overlay); this room says which to ask for, turns a
person's answer into a change, and re-runs the rules to show what each change did.
"""
