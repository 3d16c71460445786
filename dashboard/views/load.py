"""Load page: upload structure files; every problem by file and line; all or nothing.

With the memory backend, uploads belong to this browser session only (another visitor does not
see them) and live in a temporary folder removed when the session ends or the server stops.

With Neo4j, the database is shared by every visitor, so writing to it needs a say-so: an upload
token the administrator set (REMIT_UPLOAD_TOKEN, from the environment) given on this page, or the
administrator's REMIT_SHARED_UPLOADS=1. Without one, uploads are loaded into this session only, as
with the memory backend: the shared database is never changed, nor another council's data replaced."""

import streamlit as st

from remit.dashboard import state, widgets
from remit.dashboard.uploads import max_upload_bytes, shared_writes, token_matches, validate_uploads
from remit.loader.formats import suffixes
from remit.present.markup import md_escape
from remit.present.tables import stale_note

st.title("Load")
memory = state.backend_choice() == "memory"
d = state.data_state()
policy = shared_writes()
SUFFIXES = suffixes()  # every format the loader's reader registry offers
st.write(
    "Upload structure files (" + ", ".join(SUFFIXES) + "). They are validated together with the data "
    "already loaded; if any file has a problem, nothing is loaded. Uploading a file with the same name "
    "again replaces it."
)
if not memory and policy == "token" and not d.may_write_shared:
    given = st.text_input(
        "Upload token (to write to the shared database)",
        type="password",
        key="load_token",
        help="The administrator sets it (REMIT_UPLOAD_TOKEN). Without it, uploads stay in your session.",
    )
    if given:
        if token_matches(given):
            d.may_write_shared = True
        else:
            st.error("That is not the upload token: uploads stay in your session.")
shared = not memory and (policy == "everyone" or d.may_write_shared)
if memory or not shared:
    st.info(
        "Your uploads are seen in this browser session only, and are not kept after the server stops "
        "(they live in a temporary folder that is removed)."
        + ("" if memory else " The shared database that other visitors read is not changed.")
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
    # Memory: with the server's files. Neo4j, this session only: with this session's earlier uploads.
    current = d.paths if memory else [] if shared else d.private
    result = validate_uploads([(f.name, f.getvalue()) for f in files], current, upload_dir, limit)
    if not result.ok:
        st.error(f"{len(result.problems)} problem(s): nothing was loaded.")
        st.header("Problems by file")
        for name, problems in result.problems_by_file().items():
            st.subheader(md_escape(name))
            widgets.table([{"line": p.line, "problem": p.message} for p in problems], key=f"load_problems_{name}")
            st.code("\n".join(str(p) for p in problems), language="text")
    else:
        new = result.uploaded_dataset()
        if shared:
            bar = st.progress(0.0, text="Loading into Neo4j…")

            def progress(done: int, total: int, what: str) -> None:
                bar.progress(done / total if total else 1.0, text=f"{done}/{total} {what}")

            stale = state.backend().stale_structures(new)
            state.backend().load(new, progress)
            bar.progress(1.0, text="Loaded")
            state.after_load()
            if stale:
                st.warning(md_escape(stale_note(stale)))
        else:
            state.after_load(result.paths, private=not memory)
        added = [st_.id for f in new.files for st_ in f.structures]
        where = "" if memory or shared else " into your session only"
        st.success(md_escape(f"Loaded {len(new.files)} file(s){where}: {', '.join(added)}."))
        if not memory and not shared:
            st.caption("Every page now shows your uploads; the sidebar's Data choice goes back to the shared database.")
        st.session_state["load_last"] = added

st.header("Current data")
st.caption(
    f"Backend: {state.backend_choice()}"
    + (
        f" · {len(d.paths)} file(s) or folder(s), of which "
        f"{sum(1 for p in d.paths if 'remit-session-' in p)} uploaded "
        "in this session"
        if memory
        else f" · showing your {len(d.private)} uploaded file(s) (this session only)"
        if state.reads_private()
        else ""
    )
)
widgets.table(state.structures(), key="load_structures")
