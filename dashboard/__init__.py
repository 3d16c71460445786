"""Remit's faces: the `remit` command line and the Streamlit dashboard, both thin over queries/."""
