"""The bench's cold page open → ready in any browser against the stock loader (bench/cold_ready.py), and its Firefox
rows: issue 22's Firefox target is judged against Firefox's own stock loader, measured in the same run."""
import contextlib

import pytest

from bench import cold_ready, report, targets


class FakeBrowser:
    """Stands for a fresh browser: the page says it is ready after `page_ms`, the stock loader after `stock_ms`."""
    opened = []

    def __init__(self, page_ms, stock_ms, start="snapshot"):
        self.page_ms, self.stock_ms, self.start, self.url = page_ms, stock_ms, start, None

    def open(self, url):
        self.url = url
        FakeBrowser.opened.append(url)

    def call(self, js_body, *args):
        if "colornetBoot.info" in js_body:
            return {"pageToReadyMs": self.page_ms, "start": self.start, "startReason": "a build mismatch"}
        if "stockBoot" in js_body:
            return self.stock_ms
        return {"ready": True, "status": "ready"}

    def quit(self):
        pass


@pytest.fixture
def fresh_browsers(monkeypatch):
    monkeypatch.setattr(cold_ready, "wait_until_ready", lambda browser, timeout_s: None)
    FakeBrowser.opened = []
    return FakeBrowser


def test_against_stock_alternates_and_takes_the_ratio_of_medians(fresh_browsers):
    times = iter([(1000, 2000), (1200, 2000), (900, 3000)])
    current = {}

    def make():
        if not current or current.get("used") == 2:
            current.update(zip(("page", "stock"), next(times)), used=0)
        current["used"] += 1
        return fresh_browsers(current["page"], current["stock"])

    result = cold_ready.against_stock(make, "file:///page", "http://127.0.0.1:1/stock", 3)
    assert fresh_browsers.opened == ["file:///page", "http://127.0.0.1:1/stock",
                                     "http://127.0.0.1:1/stock", "file:///page",
                                     "file:///page", "http://127.0.0.1:1/stock"]
    assert result["ready_s"]["median"] == 1.0 and result["stock_ready_s"]["median"] == 2.0
    assert result["ratio"] == pytest.approx(0.5)
    assert result["paired"] == pytest.approx(0.5)  # per round: 0.5, 0.6, 0.3


def test_a_page_that_started_the_full_way_is_not_measured_as_the_snapshot(fresh_browsers):
    with pytest.raises(RuntimeError, match="full way .*a build mismatch"):
        cold_ready.against_stock(lambda: fresh_browsers(1000, 2000, start="full"), "file:///p", "http://s", 1)


def test_the_firefox_ratio_is_a_target_and_a_row_of_the_page_table():
    page = {"ready_s": report.summary([1.2]), "ready_firefox_s": report.summary([1.02]),
            "stock_ready_firefox_s": report.summary([2.0]),
            "ready_vs_stock": {"file": 0.55, "http": 0.6, "file_paired": 0.55, "http_paired": 0.6},
            "ready_vs_stock_firefox": {"file": 0.51, "file_paired": 0.52}}
    row = next(r for r in targets.check_targets(targets.figures_for_targets({"page": page}))
               if r["key"] == "ready_vs_stock_firefox")
    assert (row["value"], row["verdict"]) == (0.51, "MISS")
    text = "\n".join(report.page_markdown(page))
    assert "| file://, Firefox (against the stock loader in Firefox) | 0.51× | 0.52× |" in text
    assert "| page open → ready, cold, Firefox, file:// (s) | 1.02 |" in text


def test_the_firefox_rows_measure_the_page_against_the_stock_loader_in_firefox(monkeypatch):
    from bench import browsers
    calls = []

    @contextlib.contextmanager
    def stock_site():
        yield "http://127.0.0.1:1/index.html"

    def against_stock(make, page_url, stock_url, reps, log):
        calls.append((make, page_url, stock_url, reps))
        return {"rounds": [], "ready_s": report.summary([1.0]), "stock_ready_s": report.summary([2.0]),
                "ratio": 0.5, "paired": 0.5}

    monkeypatch.setattr(cold_ready, "stock_site", stock_site)
    monkeypatch.setattr(cold_ready, "against_stock", against_stock)
    out = cold_ready.firefox_figures("file:///site/index.html", 5)
    assert calls == [(browsers.Firefox, "file:///site/index.html", "http://127.0.0.1:1/index.html", 5)]
    assert out["ready_vs_stock_firefox"] == {"file": 0.5, "file_paired": 0.5}


def test_the_page_figures_reach_the_module_level_part_for_the_firefox_rows():
    """measure_page measures the Firefox rows through run.part (a failing part is an error, the others go on): a
    local of the same name made that call an UnboundLocalError that lost every page figure."""
    from bench import run
    assert "part" not in run.measure_page.__code__.co_varnames
    assert "part" in run.measure_page.__code__.co_names
