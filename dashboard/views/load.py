"""Load page: upload structure files; every problem by file and line; all or nothing.

With the memory backend, uploads belong to this browser session only (another visitor does not
see them) and live in a temporary folder removed when the session ends or the server stops."""

import streamlit as st

from remit.dashboard import state, widgets
from remit.dashboard.uploads import max_upload_bytes, validate_uploads
from remit.loader.formats import suffixes
from remit.present.tables import stale_note

st.title("Load")
memory = state.backend_choice() == "memory"
SUFFIXES = suffixes()  # every format the loader's reader registry offers
st.write(
    "Upload structure files (" + ", ".join(SUFFIXES) + "). They are validated together with the data "
    "already loaded; if any file has a problem, nothing is loaded. Uploading a file with the same name "
    "again replaces it."
)
if memory:
    st.info(
        "Your uploads are seen in this browser session only, and are not kept after the server stops "
        "(they live in a temporary folder that is removed)."
    )
else:
    st.info("Uploads are written to the Neo4j database that every visitor of this dashboard reads.")
limit = max_upload_bytes()
files = st.file_uploader(
    f"Structure files (up to {limit:,} bytes each)",
    type=[s.lstrip(".") for s in SUFFIXES],
    accept_multiple_files=True,
    key="load_files",
)
if st.button("Validate and load", key="load_go", disabled=not files):
    upload_dir = state.session_uploads().dir
    result = validate_uploads([(f.name, f.getvalue()) for f in files], state.data_state().paths, upload_dir, limit)
    if not result.ok:
        st.error(f"{len(result.problems)} problem(s): nothing was loaded.")
        st.header("Problems by file")
        for name, problems in result.problems_by_file().items():
            st.subheader(name)
            widgets.table([{"line": p.line, "problem": p.message} for p in problems], key=f"load_problems_{name}")
            st.code("\n".join(str(p) for p in problems), language="text")
    else:
        new = result.uploaded_dataset()
        if not memory:
            bar = st.progress(0.0, text="Loading into Neo4j…")

            def progress(done: int, total: int, what: str) -> None:
                bar.progress(done / total if total else 1.0, text=f"{done}/{total} {what}")

            stale = state.backend().stale_structures(new)
            state.backend().load(new, progress)
            bar.progress(1.0, text="Loaded")
            state.after_load()
            if stale:
                st.warning(stale_note(stale))
        else:
            state.after_load(result.paths)
        added = [st_.id for f in new.files for st_ in f.structures]
        st.success(f"Loaded {len(new.files)} file(s): {', '.join(added)}.")
        st.session_state["load_last"] = added

d = state.data_state()
st.header("Current data")
st.caption(
    f"Backend: {state.backend_choice()}"
    + (
        f" · {len(d.paths)} file(s) or folder(s), of which "
        f"{sum(1 for p in d.paths if 'remit-session-' in p)} uploaded "
        "in this session"
        if memory
        else ""
    )
)
widgets.table(state.structures(), key="load_structures")
