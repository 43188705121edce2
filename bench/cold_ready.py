"""Cold page open → ready in any browser the bench drives (Chromium or Firefox): our page on its own clock and the
stock Pyodide loader, each sample in a fresh browser (a new profile: no cache). Used by the bench's Firefox rows
(bench/run.py) and by bench/snapshot_ab.py; Chromium's own rows (with long tasks and the first run) are
bench/page.py's `cold_start`, which needs CDP."""
import statistics

from . import browsers
from .editor import wait_until_ready
from .log import log
from .page import stock_site


def page_ready_ms(make_browser, url):
    """Page open → ready (the page's own `pageToReadyMs`) in a fresh browser, and how Python started."""
    browser = make_browser()
    try:
        browser.open(url)
        wait_until_ready(browser, timeout_s=180)
        info = browser.call("return window.colornetBoot.info;")
        return info["pageToReadyMs"], info.get("start"), info.get("startReason")
    finally:
        browser.quit()


def stock_ready_ms(make_browser, url):
    """The stock loader's page open → NumPy loaded, in a fresh browser."""
    browser = make_browser()
    try:
        browser.open(url)
        return browser.call("return (await window.stockBoot).readyMs;")
    finally:
        browser.quit()


def against_stock(make_browser, page_url, stock_url, reps, log=lambda line: None):
    """`reps` rounds of our page (it must start from the snapshot: a full boot would measure the fallback) and the
    stock loader, alternating which goes first. Returns {rounds, ready_s, stock_ready_s (each {median, min, max, n}),
    ratio (of medians), paired (median of the per-round ratios)}."""
    rounds = []
    for i in range(reps):
        row = {}
        for which in ("page", "stock") if i % 2 == 0 else ("stock", "page"):
            if which == "page":
                ms, start, reason = page_ready_ms(make_browser, page_url)
                if start != "snapshot":
                    raise RuntimeError(f"the page started the full way ({reason}), not from the snapshot")
                row["page_ms"] = ms
            else:
                row["stock_ms"] = stock_ready_ms(make_browser, stock_url)
        rounds.append(row)
        log(f"round {i + 1}/{reps}: ready {row['page_ms'] / 1000:.2f} s, stock loader {row['stock_ms'] / 1000:.2f} s")

    def summary(key):
        values = [r[key] / 1000 for r in rounds]
        return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}

    page, stock = summary("page_ms"), summary("stock_ms")
    return {"rounds": rounds, "ready_s": page, "stock_ready_s": stock, "ratio": page["median"] / stock["median"],
            "paired": statistics.median(r["page_ms"] / r["stock_ms"] for r in rounds)}


def firefox_figures(page_url, reps):
    """The bench's Firefox cold rows: our page from file:// and the stock loader over loopback http, both in Firefox,
    a fresh profile each (issue 22's Firefox target is against Firefox's own stock loader)."""
    log("cold starts in Firefox (a fresh profile each), against the stock loader in Firefox")
    with stock_site() as stock_url:
        firefox = against_stock(browsers.Firefox, page_url, stock_url, reps, log)
    log(f"Firefox cold: ready {firefox['ready_s']['median']:.2f} s (median), stock loader "
        f"{firefox['stock_ready_s']['median']:.2f} s, ÷ {firefox['ratio']:.2f}")
    return {"cold_starts_firefox": firefox["rounds"], "ready_firefox_s": firefox["ready_s"],
            "stock_ready_firefox_s": firefox["stock_ready_s"],
            "ready_vs_stock_firefox": {"file": firefox["ratio"], "file_paired": firefox["paired"]}}
