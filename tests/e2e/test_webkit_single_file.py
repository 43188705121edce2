"""WebKit from file://, the single file site/colornet-playground.html copied alone into a folder: the smoke set of
test_webkit_file.py (all but the default script's full run), in a MiniBrowser of this module's own."""
import pytest

from test_single_file import SINGLE, alone
from test_webkit_file import (browser, test_boots_to_ready_and_nothing_leaves_the_page,  # noqa: F401 - collected
                              test_export_then_import_predicts_the_same_colours,
                              test_run_pause_resume_and_stop_by_clicking, test_save_as_html_then_open_it,
                              test_the_keyboard_path, test_the_run_history_survives_a_reload)


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    if not SINGLE.exists():
        pytest.fail("site/colornet-playground.html is not built: run `python3 build.py`")
    return alone(SINGLE, tmp_path_factory.mktemp("usb-stick")).as_uri()
