"""WebKit over http://127.0.0.1 (tools/loopback_server.py): the smoke set of test_webkit_file.py (all but the
default script's full run), in a MiniBrowser of this module's own."""
import pytest

from test_webkit_file import (browser, test_boots_to_ready_and_nothing_leaves_the_page,  # noqa: F401 - collected
                              test_export_then_import_predicts_the_same_colours,
                              test_run_pause_resume_and_stop_by_clicking, test_save_as_html_then_open_it,
                              test_the_keyboard_path, test_the_run_history_survives_a_reload)


@pytest.fixture
def page_url(site_http_url):
    return site_http_url
