"""Real downloads in headless Chromium: send them to a folder (DevTools' Browser.setDownloadBehavior) and wait
for a finished file (Chromium writes NAME.crdownload first, then renames it)."""
import time
from pathlib import Path


def download_dir(browser, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def wait_for_download(folder: Path, name: str, timeout=60) -> Path:
    target = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target.exists() and not (folder / (name + ".crdownload")).exists() and target.stat().st_size > 0:
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded within {timeout} s; the folder holds "
                         f"{sorted(p.name for p in folder.iterdir())}")
