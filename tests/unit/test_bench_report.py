"""The bench's report (bench/report.py): a run that measures one half keeps the other half of the previous output,
labelled with the run it came from, instead of wiping it (`build.py bench --only page` / `--only throughput`)."""
import json

from bench import report

THROUGHPUT_ROW = "| colornet, native CPython | 25 | 17,561 |"


def summary(*values):
    return report.summary(list(values))


def throughput_half():
    runs = [{"steps_per_s": v, "samples_per_s": v * 25} for v in (17000.0, 17561.0, 18000.0)]
    results = {"colornet, native CPython": {"25": {"steps_per_s": summary(17000.0, 17561.0, 18000.0),
                                                   "samples_per_s": summary(425000.0, 439025.0, 450000.0),
                                                   "runs": runs}}}
    return {"throughput": {"reps": 3, "window_s": 2.0, "warmup_s": 0.5, "results": results},
            "ratios": {"colornet in Chromium / native colornet": {"25": 0.29, "256": 0.16}},
            "paired_ratios": {}, "tfjs": {"version": "4.22.0", "simd": True, "threads": False},
            "page_versions": "Python 3.12.7 · NumPy 2.0.2"}


def page_half(ready_s):
    return {"page": {"ready_s": summary(ready_s - 0.1, ready_s, ready_s + 0.1)}}


def result(date, command, measured, **halves):
    base = {"date": date, "command": command, "note": "", "measured": measured, "targets": [],
            "machine": {"cpu": "test CPU", "cores": 2, "os": "Debian", "python": "3.12.1"},
            "native": {"numpy": "2.5.5", "blas_threads": "1"}, "browsers": {"chromium": "156"},
            "page_versions": None, "tfjs": {}, "ratios": {}, "paired_ratios": {}, "page": {},
            "throughput": {"reps": 0, "window_s": 2.0, "warmup_s": 0.5, "results": {}},
            "errors": [], "skipped": [], "load_before": "1.00", "load_after": "1.00"}
    for half in halves.values():
        base.update(half)
    return base


def test_only_page_keeps_the_previous_throughput_tables(tmp_path):
    full = result("2026-11-29 00:48 UTC", "python3 build.py bench", ["throughput", "page"],
                  t=throughput_half(), p=page_half(1.8))
    report.write(full, tmp_path)
    assert THROUGHPUT_ROW in (tmp_path / "BENCHMARKS.md").read_text()

    page_only = result("2026-11-30 11:00 UTC", "python3 build.py bench --only page", ["page"], p=page_half(1.6))
    report.write(page_only, tmp_path)
    text = (tmp_path / "BENCHMARKS.md").read_text()
    saved = json.loads((tmp_path / "benchmarks.json").read_text())
    assert THROUGHPUT_ROW in text, "the throughput table of the previous run was wiped"
    assert "from the run of 2026-11-29 00:48 UTC (`python3 build.py bench`)" in text
    assert saved["throughput"] == full["throughput"] and saved["ratios"] == full["ratios"]
    assert saved["page"]["ready_s"]["median"] == 1.6  # this run's page figures replace the old ones
    # the targets are judged on the merged figures: the kept ratio and the new ready time
    verdicts = {row["key"]: row["value"] for row in saved["targets"]}
    assert verdicts["chromium_vs_native_b25"] == 0.29 and verdicts["ready_s"] == 1.6


def test_only_throughput_keeps_the_previous_page_figures(tmp_path):
    report.write(result("2026-11-29 00:48 UTC", "python3 build.py bench", ["throughput", "page"],
                        t=throughput_half(), p=page_half(1.8)), tmp_path)
    report.write(result("2026-11-30 11:00 UTC", "python3 build.py bench --only throughput", ["throughput"],
                        t=throughput_half()), tmp_path)
    saved = json.loads((tmp_path / "benchmarks.json").read_text())
    assert saved["page"]["ready_s"]["median"] == 1.8
    assert saved["kept"]["page"] == {"date": "2026-11-29 00:48 UTC", "command": "python3 build.py bench"}
    assert "throughput" not in saved["kept"]


def test_the_kept_figures_keep_their_browsers_named(tmp_path):
    full = result("2026-11-29 00:48 UTC", "python3 build.py bench", ["throughput", "page"],
                  t=throughput_half(), p=page_half(1.8))
    full["browsers"] = {"chromium": "156", "firefox": "153"}
    report.write(full, tmp_path)
    report.write(result("2026-11-30 11:00 UTC", "python3 build.py bench --only page", ["page"], p=page_half(1.6)),
                 tmp_path)
    assert json.loads((tmp_path / "benchmarks.json").read_text())["browsers"] == {"chromium": "156", "firefox": "153"}


def test_a_first_partial_run_has_nothing_to_keep(tmp_path):
    report.write(result("2026-11-30 11:00 UTC", "python3 build.py bench --only page", ["page"],
                        p=page_half(1.6)), tmp_path)
    text = (tmp_path / "BENCHMARKS.md").read_text()
    assert "## Training throughput" not in text and "from the run of" not in text
