"""A run's live changes travel in its share link and Run replays them, in Firefox ESR from file:// (issue 20): the
flow of test_live_share.py (helpers/live_share.py) through marionette_driver."""
import pytest

from helpers.live_share import check_opened_link, open_link, run_replay, run_with_two_live_moves, share

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # mozinfo/mozrunner import deprecated modules


def test_share_carries_the_live_changes_and_run_replays_them_in_firefox(firefox, site_file_url):
    open_link(firefox, site_file_url)
    record = run_with_two_live_moves(firefox)
    url = share(firefox, record)
    open_link(firefox, url)
    check_opened_link(firefox, record)
    worst = run_replay(firefox, record)
    print(f"Firefox replayed {record['liveChanges']}: max relative difference {worst:.1e}")
    assert worst <= 1e-12
