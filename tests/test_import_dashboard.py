"""The LGA council fixture through the dashboard: uploaded as CSV on the Load page, then asked,
checked and compared there (AppTest, memory backend), with answers checked against the library."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from remit.dashboard.uploads import validate_uploads

from .conftest import SEED

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
LGA = Path(__file__).parent / "fixtures" / "import" / "lga"
FILES = [
    ("kirklees-2024-04-01.csv", (LGA / "kirklees-2024-04-01.csv").read_bytes(), "text/csv"),
    ("kirklees-2025-04-01.csv", (LGA / "kirklees-2025-04-01.csv").read_bytes(), "text/csv"),
]


def test_upload_library_accepts_the_csv(tmp_path):
    result = validate_uploads([(n, b) for n, b, _ in FILES], [SEED], tmp_path)
    assert result.ok, result.problems
    assert {"kirklees-2024-04-01", "kirklees-2025-04-01"} <= set(result.dataset.structures)


def test_load_page_takes_the_lga_csv_and_other_pages_see_it():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("views/load.py").run()
    at.file_uploader(key="load_files").set_value(FILES).run()
    at.button(key="load_go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "kirklees-2024-04-01" in at.success[0].value
    at.switch_page("views/assurance.py").run()
    at.sidebar.selectbox(key="main_council").select("kirklees").run()
    at.sidebar.selectbox(key="main_structure").select("kirklees-2024-04-01").run()
    assert not at.exception and not at.error
    shown = " ".join(str(d.value.to_dict()) for d in at.dataframe)
    assert "statutory-interim" in shown or "Statutory roles held substantively" in shown


def test_upload_of_an_organogram_pair_reads_the_junior_rows(shared_data, tmp_path):
    names = [
        "animal_health_and_veterinary_laboratories_agency-2011-03-31-senior.csv",
        "animal_health_and_veterinary_laboratories_agency-2011-03-31-junior.csv",
    ]
    files = [(n, (shared_data / "organograms" / n).read_bytes()) for n in names]
    result = validate_uploads(files, [SEED], tmp_path)
    assert result.ok, result.problems
    st = result.dataset.structures["animal-health-and-veterinary-laboratories-agency-2011-03-31"]
    assert sum(len(p.grade_groups) for p in st.posts) == 219  # the junior file's 219 rows
    alone = validate_uploads(files[1:], [SEED], tmp_path / "alone")
    assert not alone.ok and "read with its senior file" in alone.problems[0].message
