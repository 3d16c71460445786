"""Load page: upload structure files; every problem by file and line; all or nothing."""
import streamlit as st

from remit.dashboard import state, widgets
from remit.dashboard.uploads import validate_uploads

st.title("Load")
st.write("Upload structure files (YAML, format `remit/1`). They are validated together with the data already "
         "loaded; if any file has a problem, nothing is loaded.")
files = st.file_uploader("Structure files", type=["yaml", "yml"], accept_multiple_files=True, key="load_files")
if st.button("Validate and load", key="load_go", disabled=not files):
    result = validate_uploads([(f.name, f.getvalue()) for f in files], state.data_state().paths)
    if not result.ok:
        st.error(f"{len(result.problems)} problem(s): nothing was loaded.")
        for name, problems in result.problems_by_file().items():
            st.subheader(name)
            widgets.table([{"line": p.line, "problem": p.message} for p in problems], key=f"load_problems_{name}")
            st.code("\n".join(str(p) for p in problems), language="text")
    else:
        new = result.uploaded_dataset()
        if state.backend_choice() == "neo4j":
            bar = st.progress(0.0, text="Loading into Neo4j…")

            def progress(done: int, total: int, what: str) -> None:
                bar.progress(done / total if total else 1.0, text=f"{done}/{total} {what}")

            state.backend().load(new, progress)
            bar.progress(1.0, text="Loaded")
            state.after_load()
        else:
            state.after_load(result.paths)
        added = [st_.id for f in new.files for st_ in f.structures]
        st.success(f"Loaded {len(new.files)} file(s): {', '.join(added)}.")
        st.session_state["load_last"] = added

d = state.data_state()
st.subheader("Current data")
st.caption(f"Backend: {state.backend_choice()}" + (f" · files from: {', '.join(d.paths)}"
                                                   if state.backend_choice() == "memory" else ""))
widgets.table(state.structures(), key="load_structures")
